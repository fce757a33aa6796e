package dev.imagepipeline.contracts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * The prompt engine's output for one job: published on the job's prompt lane for generation-worker, and on
 * {@link Topics#JOB_EVENTS} so clients see what will be generated.
 *
 * @param description, category, style the request the prompt was made from, for providers that draw from them
 * @param model the model the prompt was shaped for; absent only in records written before the engine chose one
 * @param marketplace the channel whose image rules the prompt follows, if any
 * @param warnings every part of the request the engine dropped or the model cannot honour
 * @param callbackUrl carried along from the request
 * @param catalog carried along from the request: the catalog item the job was made for, if it is one
 * @param client carried along from the request: the API client whose job it is, if any
 * @param autofix carried along from the request: fix a copy of each image that fails a rule of {@code marketplace}
 */
public record PromptPrepared(JobId jobId, Instant at, String description, Category category, Style style, String prompt,
        String negativePrompt, ModelSettings settings, String provider, @Nullable String model, Lane lane,
        @Nullable String callbackUrl, @Nullable Marketplace marketplace, List<String> warnings,
        @Nullable CatalogItem catalog, @Nullable String client, @JsonSetter(nulls = Nulls.AS_EMPTY) boolean autofix)
        implements JobEvent {

    public PromptPrepared {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A prompt whose images are not fixed. */
    public PromptPrepared(JobId jobId, Instant at, String description, Category category, Style style, String prompt,
            String negativePrompt, ModelSettings settings, String provider, @Nullable String model, Lane lane,
            @Nullable String callbackUrl, @Nullable Marketplace marketplace, List<String> warnings,
            @Nullable CatalogItem catalog, @Nullable String client) {
        this(jobId, at, description, category, style, prompt, negativePrompt, settings, provider, model, lane,
                callbackUrl, marketplace, warnings, catalog, client, false);
    }
}
