/** ingest-api's Kafka edge: puts accepted jobs onto the requests and completion topics. */
@NullMarked
package dev.imagepipeline.ingest.messaging;

import org.jspecify.annotations.NullMarked;
