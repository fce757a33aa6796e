package dev.imagepipeline.web.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.imagepipeline.contracts.Cost;
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
import dev.imagepipeline.contracts.ProviderRun;

/**
 * The body of {@code GET /api/generate/{id}}: the job as its events tell it.
 *
 * @param processingTime milliseconds from acceptance to the terminal event, once there is one
 * @param error the failure or cancellation message; {@code errorCode} is its stable code
 * @param predictionId the provider's id for a run it was submitted, by which it can be canceled there
 * @param warnings the prompt's, then the submission's, then the provider's
 * @param runs the provider's calls, with their ids and the compute time it reported, once the job succeeded
 * @param estimatedCost what the job was expected to cost when it was accepted, at its provider's prices
 * @param cost what it cost, once it succeeded; each image's record has its share
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResult(String id, JobStatus status, List<GeneratedImage> images, @Nullable String error,
        @Nullable String errorCode, @Nullable Long processingTime, @Nullable String description,
        @Nullable String prompt, @Nullable String negativePrompt, @Nullable String provider, @Nullable String model,
        @Nullable Long seed, @Nullable Integer progress, @Nullable String predictionId, List<String> warnings,
        List<ProviderRun> runs, @Nullable Cost estimatedCost, @Nullable Cost cost, @Nullable Instant createdAt,
        @Nullable Instant completedAt) {

    public static JobResult of(JobId id, List<JobEvent> events) {
        var fold = new Fold();
        events.forEach(fold::add);
        return fold.result(id);
    }

    /** Reads a job's events in order; a field, once known, is only replaced by a later step's own value. */
    private static final class Fold {

        private JobStatus status = JobStatus.QUEUED;
        private List<GeneratedImage> images = List.of();
        private List<String> promptWarnings = List.of(), submissionWarnings = List.of(), generationWarnings = List.of();
        private List<ProviderRun> runs = List.of();
        private @Nullable String error, errorCode, description, prompt, negativePrompt, provider, model, predictionId;
        private @Nullable Long seed;
        private @Nullable Integer progress;
        private @Nullable Instant createdAt, completedAt;
        private @Nullable Cost estimatedCost, cost;

        void add(JobEvent event) {
            JobStatus next = JobStatus.after(event);
            status = next.compareTo(status) > 0 ? next : status;
            switch (event) {
                case JobAccepted e -> {
                    // The submission time, even when the prompt's event overtook it.
                    createdAt = e.at();
                    description = e.description();
                    provider = provider != null ? provider : e.provider();
                    estimatedCost = e.estimatedCost();
                }
                case PromptPrepared e -> {
                    description = e.description();
                    prompt = e.prompt();
                    negativePrompt = e.negativePrompt();
                    provider = e.provider();
                    model = e.model() != null ? e.model() : model;
                    seed = e.settings().seed();
                    promptWarnings = e.warnings();
                }
                case GenerationSubmitted e -> {
                    provider = e.provider();
                    model = e.model();
                    seed = e.seed();
                    predictionId = e.predictionId();
                    submissionWarnings = e.warnings();
                }
                case GenerationProgressed e -> progress = e.percent();
                case GenerationSucceeded e -> {
                    images = e.images();
                    generationWarnings = e.warnings();
                    runs = e.runs();
                    cost = e.cost();
                    provider = e.provider();
                    model = e.model();
                    seed = e.seed();
                    progress = 100;
                    completedAt = e.at();
                }
                case GenerationFailed e -> {
                    error = e.message();
                    errorCode = e.reason();
                    completedAt = e.at();
                }
                case JobCanceled e -> {
                    error = e.reason();
                    errorCode = "canceled";
                    completedAt = e.at();
                }
            }
            createdAt = createdAt != null ? createdAt : event.at();
        }

        JobResult result(JobId id) {
            Long processingTime = completedAt == null || createdAt == null
                    ? null
                    : Duration.between(createdAt, completedAt).toMillis();
            var warnings = Stream.of(promptWarnings, submissionWarnings, generationWarnings)
                    .flatMap(List::stream)
                    .toList();
            return new JobResult(id.toString(), status, images, error, errorCode, processingTime, description, prompt,
                    negativePrompt, provider, model, seed, progress, predictionId, warnings, runs, estimatedCost, cost,
                    createdAt, completedAt);
        }
    }
}
