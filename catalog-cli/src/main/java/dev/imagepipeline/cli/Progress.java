package dev.imagepipeline.cli;

import org.jspecify.annotations.Nullable;

/**
 * A catalog's {@code progress} event: where its items stand.
 *
 * @param status {@code queued}, {@code processing}, and at the end {@code completed} or {@code canceled}
 * @param rate items finished per second, as the pipeline measures it
 * @param etaSeconds how long the rest will take at that rate; absent while unknown
 */
record Progress(String status, int items, Counts counts, @Nullable Double rate, @Nullable Long etaSeconds) {

    Progress {
        // A stream that names no counts yet has nothing done.
        counts = counts == null ? new Counts(0, 0, 0, 0, 0) : counts;
    }

    /** How many of a catalog's items are in each state. */
    record Counts(int queued, int processing, int completed, int failed, int canceled) {
    }

    /** Items that will not change any more. */
    int done() {
        return counts().completed() + counts().failed() + counts().canceled();
    }

    int percent() {
        return items == 0 ? 100 : (int) (100L * done() / items);
    }

    /** The last progress of a catalog: nothing more will happen to it. */
    boolean finished() {
        return "completed".equals(status) || "canceled".equals(status);
    }
}
