/** Replicate's prediction webhooks: the endpoint, its signing secret, and the relay of verified callbacks. */
@NullMarked
package dev.imagepipeline.webhook.replicate;

import org.jspecify.annotations.NullMarked;
