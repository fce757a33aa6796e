package dev.imagepipeline.contracts;

import java.time.Instant;

/**
 * The job ended without images.
 *
 * @param reason a stable, machine-readable code such as {@code provider_error} or {@code content_filtered}
 * @param message what happened, for people; never holds a secret
 */
public record GenerationFailed(JobId jobId, Instant at, String reason, String message) implements JobEvent {
}
