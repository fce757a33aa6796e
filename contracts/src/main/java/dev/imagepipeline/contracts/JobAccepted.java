package dev.imagepipeline.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The pipeline took the job: the first event of every job submitted over HTTP.
 *
 * @param callbackUrl where the client wants the job's events POSTed, if anywhere; announced here so that result-notifier
 *        knows it even when the job fails before its prompt is prepared
 * @param catalog the catalog item the job was made for, if it is one
 * @param client the API client whose job it is, if any (see {@link JobSubmitted#client()})
 * @param estimatedCost what the job is expected to cost at its provider's prices, before it runs; absent in events
 *        written before costs were estimated
 */
public record JobAccepted(JobId jobId, Instant at, String description, Category category, Style style,
        GenerationSettings settings, @Nullable String provider, Lane lane, @Nullable String callbackUrl,
        @Nullable CatalogItem catalog, @Nullable String client, @Nullable Cost estimatedCost) implements JobEvent {

    /** An acceptance without an estimate. */
    public JobAccepted(JobId jobId, Instant at, String description, Category category, Style style,
            GenerationSettings settings, @Nullable String provider, Lane lane, @Nullable String callbackUrl,
            @Nullable CatalogItem catalog, @Nullable String client) {
        this(jobId, at, description, category, style, settings, provider, lane, callbackUrl, catalog, client, null);
    }
}
