package dev.imagepipeline.contracts;

import org.jspecify.annotations.Nullable;

/**
 * The concrete settings a model receives, after the prompt engine has chosen them.
 *
 * @param guidanceScale absent when the model takes no guidance (Flux schnell, Flux 1.1 pro, Stable Image Core)
 * @param numInferenceSteps absent when the provider chooses the steps itself
 */
public record ModelSettings(int width, int height, int numImages, @Nullable Double guidanceScale,
        @Nullable Integer numInferenceSteps, long seed) {
}
