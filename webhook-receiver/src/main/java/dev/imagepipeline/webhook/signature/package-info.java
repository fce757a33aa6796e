/** Standard Webhooks (v1, HMAC-SHA256) signature verification for provider callbacks, in plain Java. */
@NullMarked
package dev.imagepipeline.webhook.signature;

import org.jspecify.annotations.NullMarked;
