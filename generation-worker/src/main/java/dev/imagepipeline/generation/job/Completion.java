package dev.imagepipeline.generation.job;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.generation.job.Generation.EventSink;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RunCallbacks;
import dev.imagepipeline.generation.provider.RunCallbacks.Report;
import dev.imagepipeline.kafka.Cancellations;

/**
 * Finishes the jobs that were submitted to a provider: reads each relayed callback with its provider's
 * {@link RunCallbacks}, stores the images of a run that ended well, and tells the job; {@link RunWatch} ends a job
 * through it too when its callback is late. There is no fallback here: the job's prompt is not at hand, and the run
 * was the provider's to finish.
 */
@Service
public class Completion {

    /** Jobs remembered as finished, for the duplicate callbacks a provider's retries or a restart can bring. */
    private static final int REMEMBERED = 10_000;
    /** Longer than any provider lets a run go on, so an older cancellation has no run left to cancel. */
    private static final Duration RUNS_END_WITHIN = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(Completion.class);

    private final Map<String, RunCallbacks> callbacks;
    private final Delivery delivery;
    private final Cancellations cancellations;
    private final SubmittedRuns runs;
    private final Clock clock;
    private final ExecutorService cancels = Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("cancel-", 0).factory());
    private final Set<JobId> finished = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {

        @Override
        protected boolean removeEldestEntry(Map.Entry<JobId, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    }));

    Completion(List<RunCallbacks> callbacks, Delivery delivery, Cancellations cancellations, SubmittedRuns runs,
            Clock clock) {
        this.callbacks = callbacks.stream().collect(Collectors.toMap(RunCallbacks::provider, Function.identity()));
        this.delivery = delivery;
        this.cancellations = cancellations;
        this.runs = runs;
        this.clock = clock;
        cancellations.onCancel(this::cancelRun);
    }

    /**
     * Whether the job ended: this worker ended it, or read its end on the completion topic. It is then neither generated
     * nor ended again.
     */
    public boolean finished(JobId job) {
        return finished.contains(job) || runs.ended(job);
    }

    /**
     * Claims the job's end for the prompt's path, as {@link #end} does for a callback or a poll: a create that timed out
     * may have made its run all the same, whose callback ended the job while the create was retried.
     *
     * @return false when something ended the job already; its outcome is then not to be published
     */
    public boolean claim(JobId job) {
        return !runs.ended(job) && finished.add(job);
    }

    /**
     * @param events hears progress as it happens
     * @param outcome publishes the job's terminal event, and throws when it could not; the callback is then retried
     *        and must find the job still open
     * @return the terminal event published, or empty when the callback only told of progress or changes nothing
     * @throws IllegalArgumentException for a callback whose body is not its provider's
     */
    public Optional<JobEvent> complete(ProviderCallback callback, EventSink events, EventSink outcome) {
        JobId job = callback.jobId();
        var reader = callbacks.get(callback.provider());
        String source = "callback " + callback.deliveryId();
        if (reader == null) {
            return end(job, source, outcome,
                    () -> failed(job, "unknown_provider", "A callback from '" + callback.provider()
                            + "' arrived, but this worker has no such provider configured: " + callbacks.keySet()));
        }
        if (finished(job) || cancellations.canceled(job)) {
            log.info("Ignored callback {} for job {}: the job is already over", callback.deliveryId(), job);
            return Optional.empty();
        }
        try {
            return switch (reader.read(callback)) {
                case Report.Progress(int percent, String message) -> {
                    events.accept(new GenerationProgressed(job, clock.instant(), percent, message));
                    yield Optional.empty();
                }
                case Report.Nothing(String why) -> {
                    log.warn("Ignored callback {} for job {}: {}", callback.deliveryId(), job, why);
                    yield Optional.empty();
                }
                case Report.Finished(var batch) ->
                    end(job, source, outcome, () -> succeeded(job, callback.provider(), batch));
            };
        } catch (ProviderException e) {
            return end(job, source, outcome, () -> failed(job, e.reason(), e.getMessage()));
        }
    }

    /**
     * Cancels a canceled job's run at its provider, off the thread that read the cancellation. Every worker instance
     * reads every cancellation, so each asks; the provider answers a repeat with the run unchanged.
     */
    private void cancelRun(CancelRequested request) {
        var reader = request.provider() == null ? null : callbacks.get(request.provider());
        String run = request.predictionId();
        // A worker that starts reads the retained cancellations again; runs that old ended long ago.
        boolean recent = request.at().isAfter(clock.instant().minus(RUNS_END_WITHIN));
        if (reader == null || run == null || !recent || request.jobId() == null) {
            return;
        }
        cancels.execute(() -> {
            try {
                reader.cancel(run);
                log.info("Canceled {} run {} of job {}", request.provider(), run, request.jobId());
            } catch (ProviderException e) {
                log.warn("Could not cancel {} run {} of job {}: {}", request.provider(), run, request.jobId(),
                        e.getMessage());
            }
        });
    }

    /** The provider's reader of callbacks, which also polls and cancels its runs. */
    Optional<RunCallbacks> reader(String provider) {
        return Optional.ofNullable(callbacks.get(provider));
    }

    /**
     * Ends the job once: of two callbacks, or a callback and a poll, that end it at the same moment (a relay's retry
     * under a new id, a provider's duplicate), only the one that claims it first publishes, and its images alone are
     * stored; nor does anything once the job's end was read on the completion topic. A claim whose event was not
     * published is given up.
     *
     * @param source what ends the job, for the log
     */
    Optional<JobEvent> end(JobId job, String source, EventSink outcome, Supplier<JobEvent> terminal) {
        if (!claim(job)) {
            log.info("Ignored {} for job {}: something else ended the job meanwhile", source, job);
            return Optional.empty();
        }
        try {
            var event = terminal.get();
            outcome.accept(event);
            return Optional.of(event);
        } catch (RuntimeException e) {
            // The record is retried, and must then find the job still open.
            finished.remove(job);
            throw e;
        }
    }

    /**
     * The job's images, stored, with the record its submission's recipe began: a webhook and a poll give the same. A
     * job whose submission is not known here (written before records were kept, or not yet read) has no record.
     */
    GenerationSucceeded succeeded(JobId job, String provider, GeneratedBatch batch) {
        var run = runs.open(job);
        return delivery.succeeded(job, provider, batch, List.of(), run.map(SubmittedRuns.Run::recipe).orElse(null),
                run.map(SubmittedRuns.Run::submittedAt).orElse(null));
    }

    private GenerationFailed failed(JobId job, String reason, String message) {
        return new GenerationFailed(job, clock.instant(), reason, message);
    }
}
