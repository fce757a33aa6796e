package dev.imagepipeline.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The prompt engine's output for one job: published on the job's prompt lane for generation-worker, and on
 * {@link Topics#JOB_EVENTS} so clients see what will be generated.
 *
 * @param description, category, style the request the prompt was made from, for providers that draw from them
 * @param model absent means the provider's default model
 * @param callbackUrl carried along from the request
 */
public record PromptPrepared(JobId jobId, Instant at, String description, Category category, Style style, String prompt,
        String negativePrompt, ModelSettings settings, String provider, @Nullable String model, Lane lane,
        @Nullable String callbackUrl) implements JobEvent {
}
