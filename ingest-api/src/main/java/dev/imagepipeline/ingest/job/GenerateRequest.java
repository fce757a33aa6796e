package dev.imagepipeline.ingest.job;

import java.util.List;

import org.hibernate.validator.group.GroupSequenceProvider;
import org.hibernate.validator.spi.group.DefaultGroupSequenceProvider;
import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.ImageRecord;
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
 * @param autofix fix a copy of each image where it fails a rule of {@code marketplace}, keeping the original; only
 *        with a marketplace
 * @param reproduce the record of an image, as a job's image carries it, to make again: the request, prompt, settings,
 *        seed, provider and model are the record's, so the other fields may be left out, and those given must say what
 *        the record says
 */
@GroupSequenceProvider(GenerateRequest.Composed.Sequence.class)
public record GenerateRequest(
        @NotBlank(groups = Composed.class) @Size(max = Limits.MAX_DESCRIPTION_LENGTH) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = REPRODUCED) @Nullable String description,
        @Size(max = Limits.MAX_ADDITIONAL_CONTEXT_LENGTH) @Nullable String additionalContext,
        @NotNull(groups = Composed.class) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = REPRODUCED) @Nullable Category category,
        @NotNull(groups = Composed.class) @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = REPRODUCED) @Nullable Style style,
        @Nullable Marketplace marketplace, @Valid @Nullable Settings settings,
        @Size(max = 50) @Nullable String provider, @Size(max = 200) @Nullable String model,
        @Size(max = CallbackUrlRule.MAX_LENGTH) @Nullable String callbackUrl,
        @Schema(description = "Fix a copy of each image where it fails a rule of `marketplace`, keeping the original; only with a marketplace.", defaultValue = "false") @Nullable Boolean autofix,
        @Schema(description = "The `record` of an image of a finished job, to make it again: with the same prompt, settings and seed on the same provider and model. The other fields may then be left out; those given must say what the record says, and `additionalContext` and `settings` may not be given.") @Nullable ImageRecord reproduce) {

    static final String REPRODUCED = "Required, except with `reproduce`: then the record's, or left out.";

    /** A request that names no record to reproduce, nor autofix. */
    public GenerateRequest(@Nullable String description, @Nullable String additionalContext,
            @Nullable Category category, @Nullable Style style, @Nullable Marketplace marketplace,
            @Nullable Settings settings, @Nullable String provider, @Nullable String model,
            @Nullable String callbackUrl) {
        this(description, additionalContext, category, style, marketplace, settings, provider, model, callbackUrl, null,
                null);
    }

    /** Whether a copy of each image is to be fixed: absent is no. */
    public boolean fixes() {
        return Boolean.TRUE.equals(autofix);
    }

    /** The rules of a request composed from its fields, which one that reproduces a record does without. */
    public interface Composed {

        /** Checks a composed request's own rules after the common ones, and a reproducing one's not at all. */
        final class Sequence implements DefaultGroupSequenceProvider<GenerateRequest> {

            @Override
            public List<Class<?>> getValidationGroups(Class<?> type, @Nullable GenerateRequest request) {
                return request != null && request.reproduce() != null
                        ? List.of(GenerateRequest.class)
                        : List.of(GenerateRequest.class, Composed.class);
            }
        }
    }

    /** The image settings, named as the original API names them. */
    @Schema(name = "JobSettings")
    public record Settings(
            @JsonProperty("num_images") @Min(Limits.MIN_IMAGES) @Max(Limits.MAX_IMAGES) @Nullable Integer numImages,
            @Nullable Resolution resolution,
            @JsonProperty("guidance_scale") @DecimalMin("1.0") @DecimalMax("20.0") @Nullable Double guidanceScale,
            @Min(0) @Max(0xFFFF_FFFFL) @Nullable Long seed) {
    }
}
