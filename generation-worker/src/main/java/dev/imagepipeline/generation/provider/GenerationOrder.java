package dev.imagepipeline.generation.provider;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;

/**
 * What a provider is asked to make: the prompt, the settings, and the request it came from.
 *
 * @param marketplace the channel whose image rules the prompt follows, for a provider that lays out its images
 *        itself, such as the local renderer
 */
public record GenerationOrder(JobId jobId, String model, String prompt, String negativePrompt, ModelSettings settings,
        String description, Category category, Style style, @Nullable Marketplace marketplace) {

    /** An order for no marketplace in particular. */
    public GenerationOrder(JobId jobId, String model, String prompt, String negativePrompt, ModelSettings settings,
            String description, Category category, Style style) {
        this(jobId, model, prompt, negativePrompt, settings, description, category, style, null);
    }
}
