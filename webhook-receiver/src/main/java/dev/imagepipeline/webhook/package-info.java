/** The Webhook Service: verifies provider callbacks and publishes their outcomes as job events. */
@NullMarked
package dev.imagepipeline.webhook;

import org.jspecify.annotations.NullMarked;
