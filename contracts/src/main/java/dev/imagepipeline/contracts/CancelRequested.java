package dev.imagepipeline.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client asked to cancel a job, or every job of a catalog that has not started, on {@link Topics#CANCELLATIONS}.
 * Wherever a canceled job waits it is skipped, and a job's run at a provider is canceled there. Whoever stops a job
 * publishes its {@link JobCanceled}: result-notifier for a job canceled by itself, the worker that skips it for a job
 * of a canceled catalog.
 *
 * @param jobId the job to cancel, keying the record; absent when a whole catalog is canceled
 * @param provider, predictionId the provider's run, when the job was submitted to one, so that any worker can cancel
 *        it there
 * @param catalogId the catalog whose jobs that have not started are canceled, keying the record; absent when one job
 *        is canceled
 */
public record CancelRequested(@Nullable JobId jobId, Instant at, @Nullable String provider,
        @Nullable String predictionId, @Nullable CatalogId catalogId) implements Versioned {

    public CancelRequested {
        if ((jobId == null) == (catalogId == null)) {
            throw new IllegalArgumentException("A cancel request names either a job or a catalog");
        }
    }

    /** Cancels one job. */
    public CancelRequested(JobId jobId, Instant at, @Nullable String provider, @Nullable String predictionId) {
        this(jobId, at, provider, predictionId, null);
    }

    /** Cancels every job of the catalog that has not started. */
    public static CancelRequested catalog(CatalogId catalogId, Instant at) {
        return new CancelRequested(null, at, null, null, catalogId);
    }
}
