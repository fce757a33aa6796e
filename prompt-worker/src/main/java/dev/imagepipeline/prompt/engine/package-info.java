/** The prompt engine: product-photography knowledge turned into prompts. Plain Java. */
@NullMarked
package dev.imagepipeline.prompt.engine;

import org.jspecify.annotations.NullMarked;
