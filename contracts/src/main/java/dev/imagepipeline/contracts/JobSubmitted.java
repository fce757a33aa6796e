package dev.imagepipeline.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request for product images, as it enters the pipeline on {@link Topics#REQUESTS}.
 *
 * @param additionalContext the client's extra words about the product (material, colour, use), kept with the subject
 * @param marketplace absent means no channel's image rules apply
 * @param provider absent means the configured default provider
 * @param model absent means the provider's default model
 * @param callbackUrl where the client wants results POSTed, if anywhere
 * @param catalog the catalog item the job was made for, if it is one; absent for a single job
 * @param client the name of the API client whose job it is; only that client sees the job over HTTP. Absent means
 *        a job no client owns, which the HTTP API shows only while access control is off
 */
public record JobSubmitted(JobId jobId, String description, @Nullable String additionalContext, Category category,
        Style style, @Nullable Marketplace marketplace, GenerationSettings settings, @Nullable String provider,
        @Nullable String model, @Nullable String callbackUrl, Lane lane, Instant submittedAt,
        @Nullable CatalogItem catalog, @Nullable String client) implements Versioned {
}
