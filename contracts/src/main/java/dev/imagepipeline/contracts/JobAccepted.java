package dev.imagepipeline.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The pipeline took the job: the first event of every job submitted over HTTP. */
public record JobAccepted(JobId jobId, Instant at, String description, Category category, Style style,
        GenerationSettings settings, @Nullable String provider, Lane lane) implements JobEvent {
}
