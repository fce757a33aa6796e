package dev.imagepipeline.notifier.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.PromptPrepared;

/**
 * The body of {@code GET /api/generate/{id}}: the job as its events tell it.
 *
 * @param processingTime milliseconds from acceptance to the terminal event, once there is one
 * @param error the failure or cancellation message; {@code errorCode} is its stable code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobResult(String id, JobStatus status, List<GeneratedImage> images, @Nullable String error,
        @Nullable String errorCode, @Nullable Long processingTime, @Nullable String description,
        @Nullable String prompt, @Nullable String negativePrompt, @Nullable String provider, @Nullable String model,
        @Nullable Long seed, @Nullable Integer progress, List<String> warnings, @Nullable Instant createdAt,
        @Nullable Instant completedAt) {

    static JobResult of(JobId id, List<JobEvent> events) {
        var result = new JobResult(id.toString(), JobStatus.QUEUED, List.of(), null, null, null, null, null, null, null,
                null, null, null, List.of(), null, null);
        for (JobEvent event : events) {
            result = result.with(event);
        }
        return result;
    }

    private JobResult with(JobEvent event) {
        JobStatus next = JobStatus.after(event).compareTo(status) > 0 ? JobStatus.after(event) : status;
        Instant created = createdAt != null ? createdAt : event.at();
        return switch (event) {
            case JobAccepted e -> new JobResult(id, next, images, error, errorCode, null, e.description(), prompt,
                    negativePrompt, e.provider(), model, seed, progress, warnings, created, completedAt);
            case PromptPrepared e ->
                new JobResult(id, next, images, error, errorCode, null, e.description(), e.prompt(), e.negativePrompt(),
                        e.provider(), e.model(), e.settings().seed(), progress, warnings, created, completedAt);
            case GenerationSubmitted e -> new JobResult(id, next, images, error, errorCode, null, description, prompt,
                    negativePrompt, e.provider(), model, seed, progress, warnings, created, completedAt);
            case GenerationProgressed e -> new JobResult(id, next, images, error, errorCode, null, description, prompt,
                    negativePrompt, provider, model, seed, e.percent(), warnings, created, completedAt);
            case GenerationSucceeded e ->
                new JobResult(id, next, e.images(), null, null, elapsed(created, e), description, prompt,
                        negativePrompt, e.provider(), e.model(), e.seed(), 100, e.warnings(), created, e.at());
            case GenerationFailed e -> new JobResult(id, next, images, e.message(), e.reason(), elapsed(created, e),
                    description, prompt, negativePrompt, provider, model, seed, progress, warnings, created, e.at());
            case JobCanceled e -> new JobResult(id, next, images, e.reason(), "canceled", elapsed(created, e),
                    description, prompt, negativePrompt, provider, model, seed, progress, warnings, created, e.at());
        };
    }

    private static long elapsed(Instant from, JobEvent to) {
        return Duration.between(from, to.at()).toMillis();
    }
}
