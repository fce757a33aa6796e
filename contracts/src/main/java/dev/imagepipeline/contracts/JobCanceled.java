package dev.imagepipeline.contracts;

import java.time.Instant;

/** The job was canceled before it finished. */
public record JobCanceled(JobId jobId, Instant at, String reason) implements JobEvent {
}
