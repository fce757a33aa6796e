package dev.imagepipeline.notifier.catalog;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.imagepipeline.web.job.JobStatus;

/**
 * One item as a line of {@code /results} in NDJSON, and as an {@code item} event of the catalog's stream.
 *
 * @param images the URLs of a completed item's images
 * @param error why a failed or canceled item did not complete; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ItemResult(String sku, String jobId, long line, JobStatus status, List<String> images,
        @Nullable ItemError error) {

    static ItemResult of(Item item) {
        var error = item.errorReason() == null ? null : new ItemError(item.errorReason(), item.errorMessage());
        return new ItemResult(item.sku(), item.job().toString(), item.line(), item.status(), item.images(), error);
    }

    /** @param reason a stable code, such as {@code provider_error}, or {@code canceled} */
    record ItemError(String reason, @Nullable String message) {
    }
}
