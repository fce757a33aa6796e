package dev.imagepipeline.contracts;

import org.jspecify.annotations.Nullable;

/**
 * What the client asked of the images.
 *
 * @param guidanceScale absent means the value the prompt engine suggests for the model and style
 * @param seed absent means the pipeline picks one and reports it
 */
public record GenerationSettings(int numImages, Resolution resolution, @Nullable Double guidanceScale,
        @Nullable Long seed) {
}
