package dev.imagepipeline.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

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
 * @param autofix fix a copy of each image where it fails a rule of {@code marketplace}, keeping the original
 * @param reproduce the record of an image to make again: its prompt, settings, seed, provider and model are used as
 *        they are, and the prompt engine is not asked
 */
public record JobSubmitted(JobId jobId, String description, @Nullable String additionalContext, Category category,
        Style style, @Nullable Marketplace marketplace, GenerationSettings settings, @Nullable String provider,
        @Nullable String model, @Nullable String callbackUrl, Lane lane, Instant submittedAt,
        @Nullable CatalogItem catalog, @Nullable String client, @JsonSetter(nulls = Nulls.AS_EMPTY) boolean autofix,
        @Nullable ImageRecord reproduce) implements Versioned {

    /** A job that fixes nothing and reproduces nothing. */
    public JobSubmitted(JobId jobId, String description, @Nullable String additionalContext, Category category,
            Style style, @Nullable Marketplace marketplace, GenerationSettings settings, @Nullable String provider,
            @Nullable String model, @Nullable String callbackUrl, Lane lane, Instant submittedAt,
            @Nullable CatalogItem catalog, @Nullable String client) {
        this(jobId, description, additionalContext, category, style, marketplace, settings, provider, model,
                callbackUrl, lane, submittedAt, catalog, client, false, null);
    }
}
