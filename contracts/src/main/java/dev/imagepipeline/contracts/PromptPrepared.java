package dev.imagepipeline.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The prompt engine's output for one job: published on the job's prompt lane for generation-worker, and on
 * {@link Topics#JOB_EVENTS} so clients see what will be generated.
 *
 * @param model absent means the provider's default model
 * @param callbackUrl carried along from the request
 */
public record PromptPrepared(JobId jobId, Instant at, String prompt, String negativePrompt, ModelSettings settings,
        String provider, @Nullable String model, Lane lane, @Nullable String callbackUrl) implements JobEvent {
}
