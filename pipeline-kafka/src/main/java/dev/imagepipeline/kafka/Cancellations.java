package dev.imagepipeline.kafka;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.JobId;

/**
 * The jobs and catalogs clients asked to cancel, as this instance has read them from the cancellations topic, so that
 * a worker skips a canceled job wherever it waits and stops one it is running. Bounded: the oldest requests leave
 * first, as their jobs are long over.
 */
public final class Cancellations {

    private final int capacity;
    private final Set<Object> canceled = new LinkedHashSet<>();
    private final List<Consumer<CancelRequested>> listeners = new CopyOnWriteArrayList<>();

    public Cancellations(int capacity) {
        this.capacity = capacity;
    }

    /** Whether the job was canceled by itself. */
    public synchronized boolean canceled(JobId job) {
        return canceled.contains(job);
    }

    /** Whether the catalog was canceled: its jobs that have not started are not to start. */
    public synchronized boolean canceled(CatalogId catalog) {
        return canceled.contains(catalog);
    }

    /** Whether the job of this catalog item, if it is one, was canceled as part of its catalog. */
    public boolean canceledWithCatalog(@Nullable CatalogItem item) {
        return item != null && canceled(item.catalogId());
    }

    /** Hears every cancellation as it is read, for a worker to stop a job it is running. */
    public void onCancel(Consumer<CancelRequested> listener) {
        listeners.add(listener);
    }

    /**
     * Takes one request off the topic; a repeat changes nothing but is heard again, harmlessly.
     *
     * @throws IllegalArgumentException for a request without its time, before anything is recorded: its listeners
     *         could not tell how old it is, and a job it named would be skipped with nobody to end it
     */
    public void record(CancelRequested request) {
        // Read from JSON, the record's non-null components may be null all the same.
        if (request.at() == null) {
            throw new IllegalArgumentException("A cancel request without 'at' is malformed");
        }
        synchronized (this) {
            canceled.add(request.jobId() != null ? request.jobId() : request.catalogId());
            while (canceled.size() > capacity) {
                canceled.remove(canceled.iterator().next());
            }
        }
        listeners.forEach(listener -> listener.accept(request));
    }
}
