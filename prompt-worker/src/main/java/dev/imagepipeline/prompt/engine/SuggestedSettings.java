package dev.imagepipeline.prompt.engine;

import org.jspecify.annotations.Nullable;

/**
 * The model settings the engine chose for the prompt it wrote.
 *
 * @param guidanceScale absent when the model takes no guidance
 * @param numInferenceSteps absent when the provider chooses the steps itself
 */
public record SuggestedSettings(@Nullable Double guidanceScale, @Nullable Integer numInferenceSteps) {
}
