/** Submitting one generation job over HTTP. */
@NullMarked
package dev.imagepipeline.ingest.job;

import org.jspecify.annotations.NullMarked;
