package dev.imagepipeline.ingest.job;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Limits;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.ingest.callback.CallbackUrlRule;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/generate}, in the original specification's shape.
 *
 * @param additionalContext more words about the product, kept with the subject of the prompt
 * @param marketplace a channel whose image rules the prompt follows, such as {@code amazon_main}
 * @param settings absent means one 1024x1024 image at the guidance the prompt engine suggests
 * @param provider absent means the configured default provider; otherwise one of {@code pipeline.ingest-api.providers}
 * @param callbackUrl where result-notifier POSTs the job's terminal event, signed; {@link CallbackUrlRule} says which
 *        URLs are taken
 */
public record GenerateRequest(@NotBlank @Size(max = Limits.MAX_DESCRIPTION_LENGTH) @Nullable String description,
        @Size(max = Limits.MAX_ADDITIONAL_CONTEXT_LENGTH) @Nullable String additionalContext,
        @NotNull @Nullable Category category, @NotNull @Nullable Style style, @Nullable Marketplace marketplace,
        @Valid @Nullable Settings settings, @Size(max = 50) @Nullable String provider,
        @Size(max = 200) @Nullable String model, @Size(max = CallbackUrlRule.MAX_LENGTH) @Nullable String callbackUrl) {

    /** The image settings, named as the original API names them. */
    @Schema(name = "JobSettings")
    public record Settings(
            @JsonProperty("num_images") @Min(Limits.MIN_IMAGES) @Max(Limits.MAX_IMAGES) @Nullable Integer numImages,
            @Nullable Resolution resolution,
            @JsonProperty("guidance_scale") @DecimalMin("1.0") @DecimalMax("20.0") @Nullable Double guidanceScale,
            @Min(0) @Max(0xFFFF_FFFFL) @Nullable Long seed) {
    }
}
