/** The Kafka edge every service shares: JSON records keyed by job id, the pipeline's topics, dead-lettering. */
@NullMarked
package dev.imagepipeline.kafka;

import org.jspecify.annotations.NullMarked;
