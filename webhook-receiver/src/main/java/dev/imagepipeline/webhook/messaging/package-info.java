/** webhook-receiver's Kafka edge: callback outcomes onto the completion topic. */
@NullMarked
package dev.imagepipeline.webhook.messaging;

import org.jspecify.annotations.NullMarked;
