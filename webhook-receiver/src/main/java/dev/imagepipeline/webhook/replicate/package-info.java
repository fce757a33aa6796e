/** Replicate's prediction webhooks: the endpoint, the wire format, and its mapping onto job events. */
@NullMarked
package dev.imagepipeline.webhook.replicate;

import org.jspecify.annotations.NullMarked;
