package dev.imagepipeline.contracts;

import org.jspecify.annotations.Nullable;

/**
 * What the client asked of the images.
 *
 * @param seed absent means the pipeline picks one and reports it
 */
public record GenerationSettings(int numImages, Resolution resolution, double guidanceScale, @Nullable Long seed) {
}
