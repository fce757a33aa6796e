package dev.imagepipeline.contracts;

import java.time.Instant;

/**
 * A provider's callback about a job's run, verified by webhook-receiver and relayed on
 * {@link Topics#PROVIDER_CALLBACKS} to generation-worker, which reads the provider's own payload, copies its images
 * into the store and publishes what became of the job. The payload stays in the provider's format: only the worker's
 * provider package knows it.
 *
 * @param provider the provider that called, as jobs name it, e.g. {@code replicate}
 * @param deliveryId the provider's id for the delivery ({@code webhook-id}), the same across its retries
 * @param body the callback's body, exactly as it was signed
 */
public record ProviderCallback(JobId jobId, Instant receivedAt, String provider, String deliveryId, String body)
        implements Versioned {
}
