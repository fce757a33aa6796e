package dev.imagepipeline.prompt.engine;

/** The model settings the engine recommends for the prompt it wrote. */
public record SuggestedSettings(double guidanceScale, int numInferenceSteps) {
}
