package dev.imagepipeline.contracts;

import java.time.Instant;

/** An asynchronous provider accepted the job; its result arrives later by webhook or polling. */
public record GenerationSubmitted(JobId jobId, Instant at, String provider, String predictionId) implements JobEvent {
}
