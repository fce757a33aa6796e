package dev.imagepipeline.contracts;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * How one image was made, so it can be judged, paid for and made again: the request it came from, the prompt and
 * settings the provider received, what the provider did with them, the compliance verdict, the cost and the timings.
 * {@code POST /api/generate} takes it back as {@code reproduce}, and the job then runs the same prompt with the same
 * settings and seed on the same provider and model: providers that honour seeds (the local renderer, Replicate's
 * models, Stability, Hugging Face's diffusers) make the same images again.
 *
 * @param description, category, style the request the image was made for
 * @param marketplace the channel whose rules the prompt followed and the image was checked against, if any
 * @param autofix whether the image was to be fixed where it failed a rule of the marketplace
 * @param provider, model the provider and model that made the image, after any fallback
 * @param prompt, negativePrompt exactly what the provider received
 * @param settings the settings the model was asked for: size, number of images, guidance, steps and seed
 * @param providerInput the provider's own parameters after mapping the settings onto what the model takes, e.g.
 *        Replicate's {@code aspect_ratio} and {@code megapixels}; the prompts are not repeated here
 * @param index the image's place in its batch, from 0: the batch is made again whole, with {@code settings}
 * @param warnings what the prompt engine dropped and what the provider could not honour
 * @param compliance the verdict under the marketplace's rules; absent without a marketplace, or for an image the
 *        checks cannot decode
 * @param cost this image's share of the job's recorded cost
 * @param timings absent in a record that is still a recipe, before the image exists
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// The seed is written for readers, and read back from the settings.
@JsonIgnoreProperties(value = "seed", allowGetters = true)
public record ImageRecord(String description, Category category, Style style, @Nullable Marketplace marketplace,
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean autofix, String provider, String model, String prompt,
        String negativePrompt, ModelSettings settings, Map<String, Object> providerInput, int index,
        List<String> warnings, @Nullable ComplianceResult compliance, @Nullable Cost cost,
        @Nullable ImageTimings timings) {

    public ImageRecord {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(settings, "settings");
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
        providerInput = providerInput == null ? Map.of() : Map.copyOf(providerInput);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The seed the provider was given for the image's batch. */
    @JsonProperty("seed")
    public long seed() {
        return settings.seed();
    }

    /** This record for the image at {@code index} of its batch, with what the image alone has. */
    public ImageRecord forImage(int index, List<String> warnings, @Nullable ComplianceResult compliance,
            @Nullable Cost cost, ImageTimings timings) {
        return new ImageRecord(description, category, style, marketplace, autofix, provider, model, prompt,
                negativePrompt, settings, providerInput, index, warnings, compliance, cost, timings);
    }

    /** This record with the provider and model that really made the images, and their own parameters. */
    public ImageRecord madeBy(String provider, String model, Map<String, Object> providerInput) {
        return new ImageRecord(description, category, style, marketplace, autofix, provider, model, prompt,
                negativePrompt, settings, providerInput, index, warnings, compliance, cost, timings);
    }
}
