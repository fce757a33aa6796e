package dev.imagepipeline.prompt.engine;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;

/**
 * What the engine is asked to write a prompt for.
 *
 * @param guidanceScale the client's own guidance; absent means the engine suggests one
 */
public record PromptRequest(String description, @Nullable String additionalContext, Category category, Style style,
        @Nullable Marketplace marketplace, Resolution resolution, @Nullable Double guidanceScale) {
}
