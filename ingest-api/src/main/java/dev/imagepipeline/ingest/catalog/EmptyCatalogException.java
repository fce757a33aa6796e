package dev.imagepipeline.ingest.catalog;

import java.util.List;

import dev.imagepipeline.contracts.CatalogReceived.RejectedLine;

/** No line of an upload is an item: nothing is queued, and the client learns why each line was rejected. */
final class EmptyCatalogException extends RuntimeException {

    private final int rejectedCount;
    private final List<RejectedLine> rejected;

    EmptyCatalogException(int rejectedCount, List<RejectedLine> rejected) {
        super(rejectedCount == 0
                ? "The catalog holds no items."
                : "No line of the catalog is a valid item; " + rejectedCount + " were rejected.");
        this.rejectedCount = rejectedCount;
        this.rejected = List.copyOf(rejected);
    }

    int rejectedCount() {
        return rejectedCount;
    }

    List<RejectedLine> rejected() {
        return rejected;
    }
}
