/** generation-worker's Kafka edge: reads prepared prompts from both lanes, publishes what became of each job. */
@NullMarked
package dev.imagepipeline.generation.messaging;

import org.jspecify.annotations.NullMarked;
