/** An offline provider that draws labelled preview images with Java2D, so the pipeline runs without any model. */
@NullMarked
package dev.imagepipeline.generation.provider.local;

import org.jspecify.annotations.NullMarked;
