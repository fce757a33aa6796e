/** result-notifier's Kafka edge: every instance reads the whole completion topic into its own view. */
@NullMarked
package dev.imagepipeline.notifier.messaging;

import org.jspecify.annotations.NullMarked;
