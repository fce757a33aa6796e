package dev.imagepipeline.contracts;

/** The concrete settings a model receives, after the prompt engine has chosen them. */
public record ModelSettings(int width, int height, int numImages, double guidanceScale, int numInferenceSteps,
        long seed) {
}
