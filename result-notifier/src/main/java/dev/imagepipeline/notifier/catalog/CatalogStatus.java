package dev.imagepipeline.notifier.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a catalog stands. */
enum CatalogStatus {
    /** Its upload has not been read to its end yet, as far as this instance knows: more items may come. */
    @JsonProperty("receiving")
    RECEIVING,
    /** Every item is known, and some have not ended. */
    @JsonProperty("running")
    RUNNING,
    /** Every item ended: completed, failed or canceled. */
    @JsonProperty("completed")
    COMPLETED,
    /** A client canceled the catalog, and every item ended. */
    @JsonProperty("canceled")
    CANCELED;

    boolean finished() {
        return this == COMPLETED || this == CANCELED;
    }
}
