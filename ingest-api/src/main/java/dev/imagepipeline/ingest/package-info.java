/** The HTTP front door: validates requests, assigns job ids, publishes them onto the pipeline. */
@NullMarked
package dev.imagepipeline.ingest;

import org.jspecify.annotations.NullMarked;
