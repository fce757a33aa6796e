package dev.imagepipeline.cli;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The pipeline's answer to an upload ({@code 202}).
 *
 * @param items the upload's items that are jobs of the catalog
 * @param created how many of them this upload created; the others came from an earlier upload with the same key
 * @param rejectedCount every rejected line, also those beyond the listed ones
 */
record Receipt(String id, int items, int created, int rejectedCount, @Nullable List<Rejected> rejected) {

    Receipt {
        rejected = rejected == null ? List.of() : rejected;
    }

    /** A line of the upload that is not a job, and why. */
    record Rejected(long line, @Nullable String sku, String reason) {

        @Override
        public String toString() {
            return "line " + line + (sku == null ? "" : " (" + sku + ")") + ": " + reason;
        }
    }
}
