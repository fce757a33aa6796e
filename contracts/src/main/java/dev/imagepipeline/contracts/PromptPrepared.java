package dev.imagepipeline.contracts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

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
 */
public record PromptPrepared(JobId jobId, Instant at, String description, Category category, Style style, String prompt,
        String negativePrompt, ModelSettings settings, String provider, @Nullable String model, Lane lane,
        @Nullable String callbackUrl, @Nullable Marketplace marketplace, List<String> warnings,
        @Nullable CatalogItem catalog, @Nullable String client) implements JobEvent {

    public PromptPrepared {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
