package dev.imagepipeline.ingest.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.web.job.JobResult;

/**
 * The jobs whose submitters wait for them to finish ({@code Prefer: wait}), fed every event of the completion topic
 * by this instance's reader. A waiter is registered before its job is queued, so it hears every event of the job, on
 * whichever instance the job runs.
 */
@Component
public class JobWaits {

    private final Map<JobId, Waiter> waiting = new ConcurrentHashMap<>();

    /** Starts collecting the job's events; close the waiter when done with it. */
    Waiter register(JobId job) {
        var waiter = new Waiter(job);
        waiting.put(job, waiter);
        return waiter;
    }

    /** Takes one event of the completion topic; most concern no waiter. */
    public void apply(JobEvent event) {
        var waiter = waiting.get(event.jobId());
        if (waiter != null) {
            waiter.add(event);
        }
    }

    /** One job's events, until its first terminal one. */
    final class Waiter implements AutoCloseable {

        private final JobId job;
        private final List<JobEvent> events = new ArrayList<>();
        private final CompletableFuture<Void> finished = new CompletableFuture<>();

        private Waiter(JobId job) {
            this.job = job;
        }

        private synchronized void add(JobEvent event) {
            // The acceptance is the submitter's own; a redelivered step or anything after the end changes nothing.
            if (finished.isDone() || event instanceof JobAccepted) {
                return;
            }
            events.add(event);
            if (event.terminal()) {
                finished.complete(null);
            }
        }

        /** The job once it has finished, or as it stands when the time is up. */
        JobResult await(JobAccepted accepted, Duration timeout) {
            try {
                finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Not finished in time: the job as it stands.
            }
            synchronized (this) {
                var seen = new ArrayList<JobEvent>(events.size() + 1);
                seen.add(accepted);
                seen.addAll(events);
                return JobResult.of(job, seen);
            }
        }

        @Override
        public void close() {
            waiting.remove(job, this);
        }
    }
}
