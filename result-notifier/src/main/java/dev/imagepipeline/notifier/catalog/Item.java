package dev.imagepipeline.notifier.catalog;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.ComplianceResult;
import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.web.job.JobStatus;

/**
 * One item of a catalog as the view holds it: the few fields a catalog reports, not the job's events, since a catalog
 * may hold a hundred thousand. Replaced rather than changed, so that a snapshot of a catalog's items is a copy of
 * references.
 *
 * @param slot where the item sits among its catalog's items
 * @param job the job's id, shared with the view's index rather than copied
 * @param images the image URLs of a completed item
 * @param errorReason the stable code of a failed item, or {@code canceled}
 * @param errorMessage what happened, for people
 * @param estimate the job's estimated cost in US dollars, once its acceptance said
 * @param cost the job's recorded cost in US dollars, once it succeeded at known prices
 * @param compliant whether every image passed its marketplace's rules; absent without a marketplace
 * @param records the completed item's images with their records, as compact as {@link ImageRecords} keeps them
 */
record Item(CatalogId catalog, int slot, UUID job, String sku, long line, JobStatus status, List<String> images,
        @Nullable String errorReason, @Nullable String errorMessage, @Nullable BigDecimal estimate,
        @Nullable BigDecimal cost, @Nullable Boolean compliant, byte @Nullable [] records) {

    static final Comparator<Item> BY_LINE = Comparator.comparingLong(Item::line).thenComparing(Item::sku);

    static Item queued(CatalogItem source, int slot, UUID job) {
        return new Item(source.catalogId(), slot, job, source.sku(), source.line(), JobStatus.QUEUED, List.of(), null,
                null, null, null, null, null);
    }

    /**
     * The item after one more event of its job, or {@code null} when the event does not move it forward: a duplicate,
     * an earlier step arriving late, or anything after its end.
     */
    @Nullable
    Item after(JobEvent event) {
        JobStatus next = JobStatus.after(event);
        if (status.finished()) {
            return null;
        }
        if (event instanceof JobAccepted accepted && estimate == null && accepted.estimatedCost() != null) {
            // An acceptance read after the prompt still tells what the job was expected to cost.
            return new Item(catalog, slot, job, sku, line, next.compareTo(status) > 0 ? next : status, images,
                    errorReason, errorMessage, accepted.estimatedCost().usd(), cost, compliant, records);
        }
        if (next.compareTo(status) <= 0) {
            return null;
        }
        return switch (event) {
            case GenerationSucceeded e -> succeeded(next, e);
            case GenerationFailed e -> with(next, List.of(), shared(e.reason()), shared(e.message()));
            case JobCanceled e -> with(next, List.of(), "canceled", shared(e.reason()));
            case JobAccepted e -> with(next, images, null, null);
            case PromptPrepared e -> with(next, images, null, null);
            case GenerationSubmitted e -> with(next, images, null, null);
            case GenerationProgressed e -> with(next, images, null, null);
        };
    }

    /**
     * One copy of a text many items hold: a failure's code, and often its message, as when an outage fails a thousand
     * jobs alike or a catalog's cancel ends its waiting jobs. Each would otherwise be a string of its own, as read.
     */
    private static @Nullable String shared(@Nullable String text) {
        return text == null ? null : text.intern();
    }

    private Item with(JobStatus next, List<String> urls, @Nullable String reason, @Nullable String message) {
        return new Item(catalog, slot, job, sku, line, next, urls, reason, message, estimate, cost, compliant, records);
    }

    private Item succeeded(JobStatus next, GenerationSucceeded event) {
        var urls = event.images().stream().map(GeneratedImage::url).toList();
        var verdicts = event.images()
                .stream()
                .map(GeneratedImage::record)
                .filter(Objects::nonNull)
                .map(ImageRecord::compliance)
                .filter(Objects::nonNull)
                .toList();
        Boolean passed = verdicts.isEmpty() ? null : verdicts.stream().allMatch(ComplianceResult::passed);
        return new Item(catalog, slot, job, sku, line, next, urls, null, null, estimate,
                event.cost() == null ? null : event.cost().usd(), passed, ImageRecords.pack(event.images()));
    }
}
