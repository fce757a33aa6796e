package dev.imagepipeline.notifier.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.imagepipeline.web.job.JobStatus;

/**
 * One item as a line of {@code /results} in NDJSON, and as an {@code item} event of the catalog's stream.
 *
 * @param images the URLs of a completed item's images
 * @param error why a failed or canceled item did not complete; absent otherwise
 * @param costUsd what a completed item cost at its provider's prices; absent where they are unknown
 * @param compliant whether every image of a completed item passed its marketplace's rules; absent without one
 * @param records a completed item's images as its job has them: each with its original's URL where it was fixed,
 *        and its record of how it was made (prompt, settings, seed, compliance, cost, timings)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ItemResult(String sku, String jobId, long line, JobStatus status, List<String> images, @Nullable ItemError error,
        @Nullable BigDecimal costUsd, @Nullable Boolean compliant, @JsonRawValue @Nullable String records) {

    static ItemResult of(Item item) {
        var error = item.errorReason() == null ? null : new ItemError(item.errorReason(), item.errorMessage());
        return new ItemResult(item.sku(), item.job().toString(), item.line(), item.status(), item.images(), error,
                item.cost(), item.compliant(), ImageRecords.unpack(item.records()));
    }

    /** @param reason a stable code, such as {@code provider_error}, or {@code canceled} */
    record ItemError(String reason, @Nullable String message) {
    }
}
