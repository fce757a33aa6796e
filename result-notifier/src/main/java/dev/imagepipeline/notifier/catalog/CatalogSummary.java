package dev.imagepipeline.notifier.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.CatalogReceived.RejectedLine;

/**
 * The body of {@code GET /api/catalogs/{id}}, and of each {@code progress} event of its stream.
 *
 * @param items the items of the catalog: the latest upload's count once it was read to its end, until then those seen
 *        so far
 * @param finished items that completed, failed or were canceled
 * @param progress {@code finished / items}, from 0 to 1
 * @param rate items finished per second over the last minute, or since the catalog began when that is shorter
 * @param etaSeconds the seconds left at that rate; {@code null} while the item count is not known or nothing finishes
 * @param rejected every rejected line of the latest upload; {@code rejections} lists the first of them
 * @param failures the first {@value Catalog#LISTED_FAILURES} failed items by line; {@code failureCount} counts them all
 * @param cost what the catalog's items are expected to cost ({@code estimatedUsd}, every accepted item) and what the
 *        completed ones cost ({@code recordedUsd}), at their providers' prices
 * @param compliance completed items whose images all passed their marketplace's rules, and those with one that did
 *        not; items without a marketplace are in neither
 * @param cancelRequested whether a client canceled the catalog: items that had not started end canceled
 * @param createdAt, updatedAt the times of the catalog's first and latest change, as its events tell them
 */
record CatalogSummary(String id, CatalogStatus status, int items, Counts counts, int finished, double progress,
        double rate, @Nullable Long etaSeconds, int rejected, List<RejectedLine> rejections, List<Failure> failures,
        int failureCount, Spending cost, Compliance compliance, boolean cancelRequested, Instant createdAt,
        Instant updatedAt) {

    /** In US dollars. */
    record Spending(BigDecimal estimatedUsd, BigDecimal recordedUsd) {
    }

    /** Completed items by their images' compliance verdict. */
    record Compliance(int passed, int failed) {
    }

    /** Items by status; items not seen yet count as queued. */
    record Counts(int queued, int processing, int completed, int failed, int canceled) {
    }

    /** One failed item. */
    record Failure(String sku, String jobId, @Nullable String reason, @Nullable String message) {

        static Failure of(Item item) {
            return new Failure(item.sku(), item.job().toString(), item.errorReason(), item.errorMessage());
        }
    }
}
