/** webhook-receiver's Kafka edge: verified callbacks onto the provider-callbacks topic. */
@NullMarked
package dev.imagepipeline.webhook.messaging;

import org.jspecify.annotations.NullMarked;
