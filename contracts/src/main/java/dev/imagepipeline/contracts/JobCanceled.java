package dev.imagepipeline.contracts;

import java.time.Instant;

/** The job was canceled before it finished. */
public record JobCanceled(JobId jobId, Instant at, String reason) implements JobEvent {

    /** The reason of a job that had not started when its catalog was canceled. */
    public static final String WITH_CATALOG = "canceled with its catalog";
}
