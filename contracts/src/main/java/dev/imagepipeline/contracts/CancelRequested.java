package dev.imagepipeline.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A client asked to cancel a job, on {@link Topics#CANCELLATIONS}: wherever the job waits it is skipped, and a run at
 * a provider is canceled there. Whoever stops the job publishes its {@link JobCanceled}.
 *
 * @param provider, predictionId the provider's run, when the job was submitted to one, so that any worker can cancel
 *        it there
 */
public record CancelRequested(JobId jobId, Instant at, @Nullable String provider, @Nullable String predictionId) {
}
