package dev.imagepipeline.notifier.job;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.notifier.ResultNotifierSettings;
import dev.imagepipeline.web.access.Caller;
import dev.imagepipeline.web.job.JobResult;

/**
 * The recent jobs, rebuilt from the completion topic: bounded in count and age, least recently updated evicted
 * first. Subscribers hear each event that changes a job, after a replay of what they missed.
 */
@Component
public class JobView {

    private final ResultNotifierSettings settings;
    private final Clock clock;
    // Insertion order is update order: a job is re-inserted on every change, so the eldest is the stalest.
    private final LinkedHashMap<JobId, JobRecord> jobs = new LinkedHashMap<>();
    private final Map<JobId, List<Subscriber>> subscribers = new HashMap<>();
    private final List<Watcher> watchers = new ArrayList<>();

    JobView(ResultNotifierSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Takes one record of the completion topic.
     *
     * @return whether it changed the job: false for a duplicate or a late event
     * @throws IllegalArgumentException for an event without its job id or time, which the view could not place
     */
    public synchronized boolean apply(long offset, JobEvent event) {
        if (event.jobId() == null || event.at() == null) {
            throw new IllegalArgumentException("A job event needs its jobId and at: " + event);
        }
        JobRecord job = jobs.computeIfAbsent(event.jobId(), JobRecord::new);
        JobEntry entry = job.add(offset, event);
        if (entry == null) {
            // A duplicate or late event changes nothing, not even the job's place in the eviction order.
            return false;
        }
        jobs.remove(job.id());
        jobs.put(job.id(), job);
        evict();
        List.copyOf(subscribers.getOrDefault(job.id(), List.of())).forEach(s -> s.deliver(entry));
        for (var watcher : List.copyOf(watchers)) {
            if (watcher.caller().sees(job.client())
                    && (watcher.catalog() == null || watcher.catalog().equals(job.catalog()))) {
                watcher.subscriber().deliver(entry);
            }
        }
        return true;
    }

    /** Whether the caller may see the job: it is the job's client's, or access control is off. */
    synchronized boolean visibleTo(JobId id, Caller caller) {
        var job = jobs.get(id);
        return job != null && caller.sees(job.client());
    }

    /** Delivers each new event of every job the caller may see, of one catalog if named, until unsubscribed. */
    synchronized Subscription watch(Caller caller, @Nullable CatalogId catalog, Subscriber subscriber) {
        var watcher = new Watcher(caller, catalog, subscriber);
        watchers.add(watcher);
        return () -> unwatch(watcher);
    }

    private synchronized void unwatch(Watcher watcher) {
        watchers.remove(watcher);
    }

    synchronized Optional<JobResult> find(JobId id) {
        return Optional.ofNullable(jobs.get(id)).map(JobRecord::result);
    }

    /**
     * Replays the job's entries after {@code afterOffset}, then delivers new ones as they come, until unsubscribed.
     * Works for a job the view has not seen yet.
     */
    synchronized Subscription subscribe(JobId id, long afterOffset, Subscriber subscriber) {
        var job = jobs.get(id);
        if (job != null) {
            job.entriesAfter(afterOffset).forEach(subscriber::deliver);
        }
        subscribers.computeIfAbsent(id, key -> new ArrayList<>()).add(subscriber);
        return () -> unsubscribe(id, subscriber);
    }

    /** Whether the job's terminal event is at or before the offset, so a stream resumed there has nothing to get. */
    synchronized boolean endedAtOrBefore(JobId id, long offset) {
        var job = jobs.get(id);
        return job != null && job.finished() && job.entriesAfter(offset).isEmpty();
    }

    /** The job as the view knows it, waiting up to the grace period for a job it has not seen yet. */
    Optional<JobResult> awaitKnown(JobId id) {
        var known = find(id);
        if (known.isPresent()) {
            return known;
        }
        var first = new CompletableFuture<JobEntry>();
        try (var subscription = subscribe(id, -1, first::complete)) {
            first.get(settings.unknownJobGrace().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Not seen within the grace period: the caller answers 404.
        }
        return find(id);
    }

    /**
     * The job once it has finished, or as it stands when the time is up.
     *
     * @return empty for a job the view does not know
     */
    Optional<JobResult> awaitFinished(JobId id, Duration timeout) {
        var ended = new CompletableFuture<JobEntry>();
        try (var subscription = subscribe(id, -1, entry -> {
            if (entry.event().terminal()) {
                ended.complete(entry);
            }
        })) {
            ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Not finished in time: the job as it stands.
        }
        return find(id);
    }

    private synchronized void unsubscribe(JobId id, Subscriber subscriber) {
        var listening = subscribers.get(id);
        if (listening != null && listening.remove(subscriber) && listening.isEmpty()) {
            subscribers.remove(id);
        }
    }

    private void evict() {
        var oldest = clock.instant().minus(settings.jobRetention());
        var iterator = jobs.values().iterator();
        while (iterator.hasNext()) {
            JobRecord eldest = iterator.next();
            if (jobs.size() <= settings.maxJobs() && !eldest.lastUpdate().isBefore(oldest)) {
                return;
            }
            iterator.remove();
        }
    }

    /** A subscriber to the jobs a caller may see, of one catalog when it names one. */
    private record Watcher(Caller caller, @Nullable CatalogId catalog, Subscriber subscriber) {
    }

    /**
     * Hears a job's entries, in order. Called under the view's lock, which keeps replay and live entries in order, so
     * it must hand off and never block.
     */
    @FunctionalInterface
    interface Subscriber {

        void deliver(JobEntry entry);
    }

    /** Stops a subscriber hearing more. */
    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }
}
