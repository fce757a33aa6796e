package dev.imagepipeline.cli;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A catalog's {@code progress} event: where its items stand.
 *
 * @param status {@code queued}, {@code processing}, and at the end {@code completed} or {@code canceled}
 * @param rate items finished per second, as the pipeline measures it
 * @param etaSeconds how long the rest will take at that rate; absent while unknown
 * @param cost what the items are expected to cost and what the completed ones cost; absent from older servers
 * @param compliance completed items whose images passed their marketplace's rules, and those that did not
 */
record Progress(String status, int items, Counts counts, @Nullable Double rate, @Nullable Long etaSeconds,
        @Nullable Cost cost, @Nullable Compliance compliance) {

    Progress {
        // A stream that names no counts yet has nothing done.
        counts = counts == null ? new Counts(0, 0, 0, 0, 0) : counts;
    }

    Progress(String status, int items, Counts counts, @Nullable Double rate, @Nullable Long etaSeconds) {
        this(status, items, counts, rate, etaSeconds, null, null);
    }

    /** In US dollars, at the providers' prices. */
    record Cost(@Nullable BigDecimal estimatedUsd, @Nullable BigDecimal recordedUsd) {
    }

    /** Completed items by their images' verdict under their marketplace's rules. */
    record Compliance(int passed, int failed) {
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
