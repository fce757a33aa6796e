package dev.imagepipeline.contracts;

import java.time.Instant;

/**
 * The provider is working on the job.
 *
 * @param percent 0 to 100, as far as the provider can tell
 */
public record GenerationProgressed(JobId jobId, Instant at, int percent, String message) implements JobEvent {
}
