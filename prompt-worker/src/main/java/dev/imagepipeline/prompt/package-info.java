/** The Prompt Service: turns a product request into the prompt, negative prompt and settings a model receives. */
@NullMarked
package dev.imagepipeline.prompt;

import org.jspecify.annotations.NullMarked;
