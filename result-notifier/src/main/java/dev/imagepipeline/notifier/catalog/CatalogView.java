package dev.imagepipeline.notifier.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.CatalogReceived;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.notifier.ResultNotifierSettings;
import dev.imagepipeline.web.access.Caller;

/**
 * The recent catalogs, rebuilt from the completion topic (which tells which jobs are a catalog's items, and how each
 * ends), the catalogs topic (how many items each upload had, which lines it rejected) and the cancellations topic.
 * Records may arrive in any order across those topics; a catalog is {@code receiving} until its receipt is read.
 * Bounded in catalogs, items and age; the least recently updated catalog leaves first. Subscribers hear each change.
 */
@Component
public class CatalogView {

    private final ResultNotifierSettings settings;
    private final ResultNotifierSettings.Catalogs limits;
    private final Clock clock;
    // Insertion order is update order: a catalog is re-inserted on every change, so the eldest is the stalest.
    private final LinkedHashMap<CatalogId, Catalog> catalogs = new LinkedHashMap<>();
    // Every item held, by its job: later events of a job carry only the job's id.
    private final Map<UUID, Item> items = new HashMap<>();
    private final Map<CatalogId, List<Subscriber>> subscribers = new HashMap<>();

    CatalogView(ResultNotifierSettings settings, Clock clock) {
        this.settings = settings;
        this.limits = settings.catalogs();
        this.clock = clock;
    }

    /**
     * Takes one event of the completion topic. A job's first event ({@code accepted}, or {@code prompt_prepared} for a
     * job an upstream system produced) names its catalog item; events of jobs that are no catalog's change nothing.
     *
     * @throws IllegalArgumentException for an event without its job id or time
     */
    public synchronized void apply(JobEvent event) {
        if (event.jobId() == null || event.at() == null) {
            throw new IllegalArgumentException("A job event needs its jobId and at: " + event);
        }
        UUID job = event.jobId().value();
        Item item = items.get(job);
        if (item == null) {
            CatalogItem source = catalogItem(event);
            item = source == null ? null : add(job, source, event.at(), client(event));
        }
        if (item != null) {
            advance(item, event);
        }
    }

    /**
     * Takes one receipt of the catalogs topic: the latest upload of a catalog says how many items it has.
     *
     * @throws IllegalArgumentException for a receipt without its catalog id or time
     */
    public synchronized void received(CatalogReceived receipt) {
        if (receipt.catalogId() == null || receipt.at() == null) {
            throw new IllegalArgumentException("A catalog receipt needs its catalogId and at: " + receipt);
        }
        var catalog = catalogs.computeIfAbsent(receipt.catalogId(), id -> new Catalog(id, receipt.at()));
        catalog.ownedBy(receipt.client());
        boolean wasFinished = catalog.finished();
        if (catalog.received(receipt)) {
            changed(catalog, wasFinished, null);
        }
    }

    /**
     * Takes a cancel request for a whole catalog, as read from the cancellations topic or just published: its items
     * that have not started end {@code canceled}, and once every item ended, so has the catalog.
     *
     * @throws IllegalArgumentException for a request without its time, as a record off the topic may be
     */
    public synchronized void cancelRequested(CatalogId id, Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("A catalog's cancel request needs its at");
        }
        // Held even before the catalog's items are read: the topics are read side by side.
        var catalog = catalogs.computeIfAbsent(id, key -> new Catalog(key, at));
        boolean wasFinished = catalog.finished();
        if (catalog.cancel(at)) {
            changed(catalog, wasFinished, null);
        }
    }

    /** Whether the caller may see the catalog: it is the catalog's client's, or access control is off. */
    synchronized boolean visibleTo(CatalogId id, Caller caller) {
        var catalog = catalogs.get(id);
        return catalog != null && caller.sees(catalog.client());
    }

    synchronized Optional<CatalogSummary> find(CatalogId id) {
        return Optional.ofNullable(catalogs.get(id)).map(catalog -> catalog.summary(clock.instant()));
    }

    /** The catalog as the view knows it, waiting up to the grace period for one it has not seen yet. */
    Optional<CatalogSummary> awaitKnown(CatalogId id) {
        var known = find(id);
        if (known.isPresent()) {
            return known;
        }
        var seen = new CompletableFuture<@Nullable Void>();
        try (var subscription = subscribe(id, () -> seen.complete(null))) {
            seen.get(settings.unknownJobGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Not seen within the grace period: the caller answers 404.
        }
        return find(id);
    }

    /** Every item of the catalog, by line, as they stand now; empty for a catalog the view does not know. */
    Optional<List<Item>> items(CatalogId id) {
        Item[] snapshot;
        synchronized (this) {
            var catalog = catalogs.get(id);
            if (catalog == null) {
                return Optional.empty();
            }
            snapshot = catalog.snapshot();
        }
        Arrays.sort(snapshot, Item.BY_LINE);
        return Optional.of(Arrays.asList(snapshot));
    }

    /**
     * Tells the subscriber of each change of the catalog from now on, until unsubscribed; for a catalog the view holds,
     * a change at once (and its end, when it has ended), so that it starts from where the catalog stands.
     */
    synchronized Subscription subscribe(CatalogId id, Subscriber subscriber) {
        subscribers.computeIfAbsent(id, key -> new ArrayList<>()).add(subscriber);
        var catalog = catalogs.get(id);
        if (catalog != null) {
            subscriber.changed();
            if (catalog.finished()) {
                subscriber.ended();
            }
        }
        return () -> unsubscribe(id, subscriber);
    }

    private static @Nullable String client(JobEvent event) {
        return switch (event) {
            case JobAccepted e -> e.client();
            case PromptPrepared e -> e.client();
            default -> null;
        };
    }

    private static @Nullable CatalogItem catalogItem(JobEvent event) {
        return switch (event) {
            case JobAccepted e -> e.catalog();
            case PromptPrepared e -> e.catalog();
            case GenerationSubmitted e -> null;
            case GenerationProgressed e -> null;
            case GenerationSucceeded e -> null;
            case GenerationFailed e -> null;
            case JobCanceled e -> null;
        };
    }

    /** Returns the new item, or {@code null} when its catalog holds as many items as the view may hold. */
    private @Nullable Item add(UUID job, CatalogItem source, Instant at, @Nullable String client) {
        var catalog = catalogs.computeIfAbsent(source.catalogId(), id -> new Catalog(id, at));
        catalog.ownedBy(client);
        if (catalog.size() >= limits.maxItems()) {
            return null;
        }
        boolean wasFinished = catalog.finished();
        var item = catalog.add(job, source, at);
        items.put(job, item);
        changed(catalog, wasFinished, null);
        return item;
    }

    private void advance(Item item, JobEvent event) {
        var next = item.after(event);
        var catalog = catalogs.get(item.catalog());
        if (next == null || catalog == null) {
            return;
        }
        boolean wasFinished = catalog.finished();
        catalog.replace(item, next, event.at());
        items.put(next.job(), next);
        changed(catalog, wasFinished, next.status().finished() ? next : null);
    }

    private void changed(Catalog catalog, boolean wasFinished, @Nullable Item finished) {
        catalogs.remove(catalog.id());
        catalogs.put(catalog.id(), catalog);
        evict(catalog);
        boolean ended = !wasFinished && catalog.finished();
        for (var subscriber : List.copyOf(subscribers.getOrDefault(catalog.id(), List.of()))) {
            if (finished != null) {
                subscriber.itemFinished(finished);
            }
            subscriber.changed();
            if (ended) {
                subscriber.ended();
            }
        }
    }

    /** Evicts stale catalogs, and the least recently updated beyond the limits, though never the one just changed. */
    private void evict(Catalog current) {
        var oldest = clock.instant().minus(limits.retention());
        var iterator = catalogs.values().iterator();
        while (iterator.hasNext()) {
            Catalog eldest = iterator.next();
            boolean over = catalogs.size() > limits.maxCatalogs() || items.size() > limits.maxItems();
            if ((!over || eldest == current) && !eldest.updatedAt().isBefore(oldest)) {
                return;
            }
            iterator.remove();
            for (Item item : eldest.snapshot()) {
                items.remove(item.job());
            }
        }
    }

    private synchronized void unsubscribe(CatalogId id, Subscriber subscriber) {
        var listening = subscribers.get(id);
        if (listening != null && listening.remove(subscriber) && listening.isEmpty()) {
            subscribers.remove(id);
        }
    }

    /**
     * Hears a catalog's changes. Called under the view's lock, which keeps them in order, so it must hand off and never
     * block.
     */
    @FunctionalInterface
    interface Subscriber {

        /** Something about the catalog changed. */
        void changed();

        /** An item ended; heard just before the change it made. */
        default void itemFinished(Item item) {
        }

        /** The catalog is completed or canceled; heard just after the change that ended it. */
        default void ended() {
        }
    }

    /** Stops a subscriber hearing more. */
    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }
}
