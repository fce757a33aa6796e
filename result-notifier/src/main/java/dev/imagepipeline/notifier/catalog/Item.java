package dev.imagepipeline.notifier.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
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
 */
record Item(CatalogId catalog, int slot, UUID job, String sku, long line, JobStatus status, List<String> images,
        @Nullable String errorReason, @Nullable String errorMessage) {

    static final Comparator<Item> BY_LINE = Comparator.comparingLong(Item::line).thenComparing(Item::sku);

    static Item queued(CatalogItem source, int slot, UUID job) {
        return new Item(source.catalogId(), slot, job, source.sku(), source.line(), JobStatus.QUEUED, List.of(), null,
                null);
    }

    /**
     * The item after one more event of its job, or {@code null} when the event does not move it forward: a duplicate,
     * an earlier step arriving late, or anything after its end.
     */
    @Nullable
    Item after(JobEvent event) {
        JobStatus next = JobStatus.after(event);
        if (status.finished() || next.compareTo(status) <= 0) {
            return null;
        }
        return switch (event) {
            case GenerationSucceeded e -> with(next, e.images().stream().map(GeneratedImage::url).toList(), null, null);
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
        return new Item(catalog, slot, job, sku, line, next, urls, reason, message);
    }
}
