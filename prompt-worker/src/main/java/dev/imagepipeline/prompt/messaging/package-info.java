/** prompt-worker's Kafka edge: reads submitted jobs, publishes prepared prompts. */
@NullMarked
package dev.imagepipeline.prompt.messaging;

import org.jspecify.annotations.NullMarked;
