/** Hugging Face's hf-inference text-to-image API: one synchronous request per image, cold models waited out. */
@NullMarked
package dev.imagepipeline.generation.provider.huggingface;

import org.jspecify.annotations.NullMarked;
