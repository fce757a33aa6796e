package dev.imagepipeline.contracts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An upload of a catalog was read to its end, on {@link Topics#CATALOGS}: each of its {@code items} is a job (new, or
 * the job an earlier upload of the same catalog made), and each rejected line is listed with its reason.
 *
 * @param items the items of the upload that are jobs of the catalog
 * @param created how many of them this upload created; the others were already jobs of the catalog
 * @param rejectedCount every rejected line, also those beyond the listed ones
 * @param rejected the first rejected lines, by line number
 * @param idempotencyKey the key the client sent with the upload, if any
 * @param client the API client whose catalog it is, if any; only that client sees it over HTTP
 */
public record CatalogReceived(CatalogId catalogId, Instant at, int items, int created, int rejectedCount,
        List<RejectedLine> rejected, @Nullable String idempotencyKey, @Nullable String client) implements Versioned {

    /** How many rejected lines one record lists at most, so that it stays far below Kafka's record size limit. */
    public static final int MAX_LISTED_REJECTIONS = 1000;

    public CatalogReceived {
        rejected = rejected == null ? List.of() : List.copyOf(rejected);
    }

    /**
     * A line of an upload that is not a job, and why.
     *
     * @param line counting from 1; for a JSON array, the item's position in it
     * @param sku the line's SKU, when it could be read
     */
    public record RejectedLine(long line, @Nullable String sku, String reason) {
    }
}
