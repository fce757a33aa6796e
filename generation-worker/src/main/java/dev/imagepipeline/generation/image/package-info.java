/** Keeps finished images on disk for a limited time and serves them over HTTP by unguessable keys. */
@NullMarked
package dev.imagepipeline.generation.image;

import org.jspecify.annotations.NullMarked;
