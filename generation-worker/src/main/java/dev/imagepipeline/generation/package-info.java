/** The Generation Service: takes prepared prompts, calls the chosen image provider, stores the images. */
@NullMarked
package dev.imagepipeline.generation;

import org.jspecify.annotations.NullMarked;
