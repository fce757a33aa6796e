/** Preparing a submitted job for generation: validation, prompt, concrete model settings. */
@NullMarked
package dev.imagepipeline.prompt.job;

import org.jspecify.annotations.NullMarked;
