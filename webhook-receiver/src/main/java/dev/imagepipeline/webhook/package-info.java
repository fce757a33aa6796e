/** The Webhook Service: verifies provider callbacks and relays them to generation-worker, which interprets them. */
@NullMarked
package dev.imagepipeline.webhook;

import org.jspecify.annotations.NullMarked;
