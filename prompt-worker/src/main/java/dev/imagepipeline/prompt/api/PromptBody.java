package dev.imagepipeline.prompt.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Limits;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/prompt/generate} and {@code /preview}: the original specification's fields, plus the
 * optional marketplace, settings and models to shape the prompt for.
 *
 * @param provider with {@code model}, the one model {@code generate} shapes for; absent means the default provider
 * @param settings the size and guidance a job would ask for; absent means 1024x1024 and the suggested guidance
 * @param targets the models {@code preview} shows; absent means each configured one, and none may be {@code null}
 */
record PromptBody(
        @NotBlank @Size(max = Limits.MAX_DESCRIPTION_LENGTH, message = "must be at most {max} characters") @Nullable String description,
        @NotNull @Nullable Category category, @NotNull @Nullable Style style,
        @Size(max = Limits.MAX_ADDITIONAL_CONTEXT_LENGTH, message = "must be at most {max} characters") @Nullable String additionalContext,
        @Nullable Marketplace marketplace, @Size(max = 50) @Nullable String provider,
        @Size(max = 200) @Nullable String model, @Valid @Nullable Settings settings,
        @Size(max = 20) @Nullable List<@NotNull @Valid Target> targets) {

    /** The image settings that shape a prompt, named as {@code POST /api/generate} names them. */
    @Schema(name = "PromptSettings")
    record Settings(@Nullable Resolution resolution,
            @JsonProperty("guidance_scale") @DecimalMin("1.0") @DecimalMax("20.0") @Nullable Double guidanceScale) {
    }

    /** One model to preview: a provider, and its default model when none is named. */
    record Target(@NotBlank @Size(max = 50) @Nullable String provider, @Size(max = 200) @Nullable String model) {
    }
}
