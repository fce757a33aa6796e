/** Generating one job: choose its provider, run it, store the images, say how it ended. */
@NullMarked
package dev.imagepipeline.generation.job;

import org.jspecify.annotations.NullMarked;
