package dev.imagepipeline.kafka;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.JobId;

/**
 * The jobs clients asked to cancel, as this instance has read them from the cancellations topic, so that a worker
 * skips a canceled job wherever it waits and stops one it is running. Bounded: the oldest requests leave first, as
 * their jobs are long over.
 */
public final class Cancellations {

    private final int capacity;
    private final Set<JobId> canceled = new LinkedHashSet<>();
    private final List<Consumer<CancelRequested>> listeners = new CopyOnWriteArrayList<>();

    public Cancellations(int capacity) {
        this.capacity = capacity;
    }

    public synchronized boolean canceled(JobId job) {
        return canceled.contains(job);
    }

    /** Hears every cancellation as it is read, for a worker to stop a job it is running. */
    public void onCancel(Consumer<CancelRequested> listener) {
        listeners.add(listener);
    }

    /** Takes one request off the topic; a repeat changes nothing but is heard again, harmlessly. */
    public void record(CancelRequested request) {
        synchronized (this) {
            canceled.add(request.jobId());
            while (canceled.size() > capacity) {
                canceled.remove(canceled.iterator().next());
            }
        }
        listeners.forEach(listener -> listener.accept(request));
    }
}
