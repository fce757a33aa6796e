package dev.imagepipeline.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Map<JobId, CancelRequested> requests = new LinkedHashMap<>();
    private final List<Consumer<CancelRequested>> listeners = new CopyOnWriteArrayList<>();

    public Cancellations(int capacity) {
        this.capacity = capacity;
    }

    public synchronized boolean canceled(JobId job) {
        return requests.containsKey(job);
    }

    public synchronized Optional<CancelRequested> request(JobId job) {
        return Optional.ofNullable(requests.get(job));
    }

    /** Hears every cancellation as it is read, for a worker to stop a job it is running. */
    public void onCancel(Consumer<CancelRequested> listener) {
        listeners.add(listener);
    }

    /** Takes one request off the topic; a repeat changes nothing but is heard again, harmlessly. */
    public void record(CancelRequested request) {
        synchronized (this) {
            requests.putIfAbsent(request.jobId(), request);
            while (requests.size() > capacity) {
                requests.remove(requests.keySet().iterator().next());
            }
        }
        listeners.forEach(listener -> listener.accept(request));
    }
}
