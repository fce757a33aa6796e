/** The port every image provider sits behind, and the providers themselves, one package each. */
@NullMarked
package dev.imagepipeline.generation.provider;

import org.jspecify.annotations.NullMarked;
