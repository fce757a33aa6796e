package dev.imagepipeline.notifier.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.CatalogReceived;
import dev.imagepipeline.notifier.catalog.CatalogSummary.Compliance;
import dev.imagepipeline.notifier.catalog.CatalogSummary.Counts;
import dev.imagepipeline.notifier.catalog.CatalogSummary.Failure;
import dev.imagepipeline.notifier.catalog.CatalogSummary.Spending;
import dev.imagepipeline.web.job.JobStatus;

/**
 * One catalog as the view knows it: its items, counted by status as they change so that a summary costs no walk over
 * them, and its latest receipt. Guarded by the view's lock.
 */
final class Catalog {

    static final int LISTED_FAILURES = 100;

    private final CatalogId id;
    private Item[] items = new Item[16];
    private int size;
    private final int[] counts = new int[JobStatus.values().length];
    // Failed items never change again, so the first hundred by line stay the first hundred.
    private final TreeSet<Item> firstFailures = new TreeSet<>(Item.BY_LINE);
    private final FinishRate rate = new FinishRate();
    private @Nullable CatalogReceived receipt;
    private boolean cancelRequested;
    private @Nullable String client;
    private Instant createdAt;
    private Instant updatedAt;
    private BigDecimal estimated = BigDecimal.ZERO;
    private BigDecimal recorded = BigDecimal.ZERO;
    private int compliant;
    private int noncompliant;

    Catalog(CatalogId id, Instant at) {
        this.id = id;
        this.createdAt = at;
        this.updatedAt = at;
    }

    CatalogId id() {
        return id;
    }

    /** The API client whose catalog it is, if any: named by its receipt and by each of its jobs. */
    @Nullable
    String client() {
        return client;
    }

    void ownedBy(@Nullable String named) {
        if (client == null) {
            client = named;
        }
    }

    int size() {
        return size;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Item add(UUID job, CatalogItem source, Instant at) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        var item = Item.queued(source, size, job);
        items[size++] = item;
        counts[item.status().ordinal()]++;
        touch(at);
        return item;
    }

    void replace(Item before, Item after, Instant at) {
        items[after.slot()] = after;
        counts[before.status().ordinal()]--;
        counts[after.status().ordinal()]++;
        estimated = estimated.add(change(before.estimate(), after.estimate()));
        recorded = recorded.add(change(before.cost(), after.cost()));
        if (before.compliant() == null && after.compliant() != null) {
            if (after.compliant()) {
                compliant++;
            } else {
                noncompliant++;
            }
        }
        if (after.status().finished()) {
            rate.finished(at);
        }
        if (after.status() == JobStatus.FAILED) {
            firstFailures.add(after);
            if (firstFailures.size() > LISTED_FAILURES) {
                firstFailures.pollLast();
            }
        }
        touch(at);
    }

    private static BigDecimal change(@Nullable BigDecimal before, @Nullable BigDecimal after) {
        return Objects.equals(before, after) || after == null
                ? BigDecimal.ZERO
                : before == null ? after : after.subtract(before);
    }

    /** Takes the latest receipt: an upload sent again says how many items it has now. */
    boolean received(CatalogReceived next) {
        if (receipt != null && (next.equals(receipt) || next.at().isBefore(receipt.at()))) {
            return false;
        }
        receipt = next;
        touch(next.at());
        return true;
    }

    /** A cancel that comes after the catalog completed changes nothing: it completed. */
    boolean cancel(Instant at) {
        if (cancelRequested || finished()) {
            return false;
        }
        cancelRequested = true;
        touch(at);
        return true;
    }

    boolean finished() {
        return status().finished();
    }

    /** A copy of the item references in no particular order; the items themselves never change. */
    Item[] snapshot() {
        return Arrays.copyOf(items, size);
    }

    CatalogSummary summary(Instant now) {
        int total = total();
        int finished = finishedCount();
        CatalogStatus status = status();
        double perSecond = rate.perSecond(now, createdAt);
        var counted = new Counts(counts[JobStatus.QUEUED.ordinal()] + total - size,
                counts[JobStatus.PROCESSING.ordinal()], counts[JobStatus.COMPLETED.ordinal()],
                counts[JobStatus.FAILED.ordinal()], counts[JobStatus.CANCELED.ordinal()]);
        return new CatalogSummary(id.toString(), status, total, counted, finished, progress(finished, total),
                Math.round(perSecond * 1000) / 1000.0, eta(status, total - finished, perSecond),
                receipt == null ? 0 : receipt.rejectedCount(), receipt == null ? List.of() : receipt.rejected(),
                firstFailures.stream().map(Failure::of).toList(), counted.failed(),
                new Spending(estimated.stripTrailingZeros(), recorded.stripTrailingZeros()),
                new Compliance(compliant, noncompliant), cancelRequested, createdAt, updatedAt);
    }

    private CatalogStatus status() {
        if (receipt == null) {
            return CatalogStatus.RECEIVING;
        }
        if (finishedCount() < total()) {
            return CatalogStatus.RUNNING;
        }
        return cancelRequested ? CatalogStatus.CANCELED : CatalogStatus.COMPLETED;
    }

    /**
     * The items of the latest upload, or more: an upload sent again with fewer items leaves the jobs of the first, and
     * they still run. Before the receipt, the items seen so far.
     */
    private int total() {
        return receipt == null ? size : Math.max(receipt.items(), size);
    }

    private int finishedCount() {
        return counts[JobStatus.COMPLETED.ordinal()] + counts[JobStatus.FAILED.ordinal()]
                + counts[JobStatus.CANCELED.ordinal()];
    }

    private static double progress(int finished, int total) {
        // Rounded down, so that a catalog shows 1.0 only once it is through.
        return total == 0 ? 0 : Math.floor(finished * 10_000.0 / total) / 10_000.0;
    }

    /** Unknown until the receipt says how many items there are, and while nothing finishes. */
    private @Nullable Long eta(CatalogStatus status, int remaining, double perSecond) {
        if (status.finished()) {
            return 0L;
        }
        if (receipt == null || perSecond == 0) {
            return null;
        }
        // Less a hair, so that 1 / (2 / 60.0) is 30 seconds and not 31.
        return (long) Math.ceil(remaining / perSecond - 1e-9);
    }

    private void touch(Instant at) {
        createdAt = at.isBefore(createdAt) ? at : createdAt;
        updatedAt = at.isAfter(updatedAt) ? at : updatedAt;
    }
}
