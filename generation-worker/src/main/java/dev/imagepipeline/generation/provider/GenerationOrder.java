package dev.imagepipeline.generation.provider;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;

/** What a provider is asked to make: the prompt, the settings, and the request it came from. */
public record GenerationOrder(JobId jobId, String model, String prompt, String negativePrompt, ModelSettings settings,
        String description, Category category, Style style) {
}
