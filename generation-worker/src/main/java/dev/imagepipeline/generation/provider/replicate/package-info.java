/** Replicate as an image provider: predictions created, polled until they end, and their images copied out. */
@NullMarked
package dev.imagepipeline.generation.provider.replicate;

import org.jspecify.annotations.NullMarked;
