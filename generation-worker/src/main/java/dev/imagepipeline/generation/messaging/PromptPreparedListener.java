package dev.imagepipeline.generation.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.generation.job.Completion;
import dev.imagepipeline.generation.job.Generation;
import dev.imagepipeline.generation.job.SubmittedRuns;
import dev.imagepipeline.generation.lane.Ticket;
import dev.imagepipeline.generation.messaging.PartitionWindows.Held;
import dev.imagepipeline.kafka.Cancellations;
import dev.imagepipeline.kafka.JobLogContext;
import dev.imagepipeline.kafka.PipelinePublisher;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;

/**
 * Generates the prepared prompts of both lanes, each job on a virtual thread of its own: a provider may take minutes, and
 * a consumer that stops polling that long is thrown out of its group. A job holds a {@link Ticket} while it runs, so
 * its provider calls wait in line as a job of its lane and catalog; {@link PartitionWindows} bounds the jobs each
 * partition holds and commits a record once its job's outcome is published. A canceled job is skipped, or interrupted
 * when it runs: its cancellation already ended it on the completion topic. A job whose catalog was canceled before it
 * started is skipped too, and ended here with {@link JobCanceled}, since nobody else ends it. A job already submitted
 * to a provider (a prompt read again after a crash) is skipped as well: its run is watched until it ends, by
 * {@link RunWatcher}. A job waiting for its provider to recover from an outage stops waiting when it is canceled
 * (publishing nothing) or when the worker stops (left uncommitted).
 */
@Component
class PromptPreparedListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PromptPreparedListener.class);
    private static final Duration FIRST_REPUBLISH = Duration.ofSeconds(1);
    private static final Duration LAST_REPUBLISH = Duration.ofSeconds(30);

    private final Generation generation;
    private final PipelinePublisher publisher;
    private final Cancellations cancellations;
    private final Completion completion;
    private final SubmittedRuns runs;
    private final PartitionWindows windows;
    private final KafkaListenerEndpointRegistry registry;
    private final Clock clock;
    private final Map<JobId, Running> running = new ConcurrentHashMap<>();
    // Each job's thread carries on the trace of the record that brought it, so its outcome joins the job's trace.
    private final ExecutorService jobs = ContextExecutorService.wrap(
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("generation-", 0).factory()),
            ContextSnapshotFactory.builder().build()::captureAll);
    private volatile boolean started;
    private volatile boolean stopping;

    PromptPreparedListener(Generation generation, PipelinePublisher publisher, Cancellations cancellations,
            Completion completion, SubmittedRuns runs, PartitionWindows windows, KafkaListenerEndpointRegistry registry,
            Clock clock) {
        this.generation = generation;
        this.publisher = publisher;
        this.cancellations = cancellations;
        this.completion = completion;
        this.runs = runs;
        this.windows = windows;
        this.registry = registry;
        this.clock = clock;
        cancellations.onCancel(this::interrupt);
    }

    @KafkaListener(id = GenerationWorkerKafkaConfiguration.INTERACTIVE_LISTENER, groupId = GenerationWorkerKafkaConfiguration.GROUP_ID, topics = Topics.PROMPTS_INTERACTIVE, containerFactory = GenerationWorkerKafkaConfiguration.WINDOWED_CONTAINER_FACTORY)
    @KafkaListener(id = GenerationWorkerKafkaConfiguration.BULK_LISTENER, groupId = GenerationWorkerKafkaConfiguration.GROUP_ID, topics = Topics.PROMPTS_BULK, containerFactory = GenerationWorkerKafkaConfiguration.WINDOWED_CONTAINER_FACTORY)
    void on(PromptPrepared event, Acknowledgment ack, @Header(KafkaHeaders.RECEIVED_TOPIC) String topic,
            @Header(KafkaHeaders.RECEIVED_PARTITION) int partition, @Header(KafkaHeaders.OFFSET) long offset) {
        if (stopping) {
            // Neither held nor committed: the partition's next owner reads it again.
            return;
        }
        var held = windows.hold(new TopicPartition(topic, partition), offset, ack);
        try {
            jobs.execute(() -> run(event, held));
        } catch (RejectedExecutionException stopped) {
            log.debug("Left {} for the partition's next owner: the worker stops", held);
        }
    }

    private void run(PromptPrepared event, Held held) {
        try (var logged = MDC.putCloseable(JobLogContext.KEY, event.jobId().toString())) {
            runLogged(event, held);
        }
    }

    private void runLogged(PromptPrepared event, Held held) {
        var ticket = Ticket.of(event.lane(), catalog(event), () -> cancellations.canceledWithCatalog(event.catalog()));
        var job = new Running(Thread.currentThread(), ticket);
        running.put(event.jobId(), job);
        boolean done;
        try {
            // stop() withdraws the jobs it finds; one that begins after it looked is left as well.
            done = !stopping && replayed() && settled(event, ticket);
        } finally {
            running.remove(event.jobId(), job);
        }
        // A cancellation that came as the job ended has nothing left to stop.
        Thread.interrupted();
        if (done) {
            windows.done(held);
        }
    }

    /** @return whether the record is done with; not when the worker stops before its job could start */
    private boolean settled(PromptPrepared event, Ticket ticket) {
        JobId job = event.jobId();
        if (cancellations.canceled(job)) {
            log.info("Skipped job {}: it was canceled", job);
            return true;
        }
        if (completion.finished(job)) {
            log.info("Skipped job {}: it ended already", job);
            return true;
        }
        if (runs.submitted(job)) {
            log.info("Skipped job {}: it was submitted to a provider already, and its run is watched until it ends",
                    job);
            return true;
        }
        if (cancellations.canceledWithCatalog(event.catalog())) {
            return published(canceledWithCatalog(job));
        }
        return generated(event, ticket);
    }

    /** Runs the job and publishes its outcome, unless the job was canceled or withdrawn meanwhile. */
    private boolean generated(PromptPrepared event, Ticket ticket) {
        JobId job = event.jobId();
        JobEvent outcome;
        log.debug("Generating job {} with {}", job, event.provider());
        try {
            outcome = ticket.holding(() -> generation.generate(event, publisher::announce));
        } catch (Generation.WaitInterrupted interrupted) {
            if (stopping) {
                return leftForNextOwner(job);
            }
            log.info("Job {} was canceled while it waited for its provider to recover", job);
            return true;
        }
        if (cancellations.canceled(job)) {
            log.info("Job {} was canceled while it ran; its {} is not published", job,
                    outcome.getClass().getSimpleName());
            return true;
        }
        if (ticket.withdrawn()) {
            // Its turn never came: its catalog was canceled while it waited, or the worker stops.
            return stopping ? leftForNextOwner(job) : published(canceledWithCatalog(job));
        }
        return published(outcome);
    }

    /**
     * Publishes the job's event, again and again while the broker does not acknowledge it: its record is committed only
     * once it is published, and the work is not worth losing to a broker's hiccup.
     */
    private boolean published(JobEvent event) {
        if (ended(event)) {
            log.info("Dropped {} of job {}: something else ended the job meanwhile", event.getClass().getSimpleName(),
                    event.jobId());
            return true;
        }
        var pause = FIRST_REPUBLISH;
        while (true) {
            try {
                publisher.publish(event);
                return true;
            } catch (RuntimeException e) {
                if (stopping) {
                    return leftForNextOwner(event.jobId());
                }
                log.warn("Could not publish {} of job {}, trying again in {} s: {}", event.getClass().getSimpleName(),
                        event.jobId(), pause.toSeconds(), e.getMessage());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException canceled) {
                // Interrupted by the job's cancellation, which ended the job already; or by the worker stopping.
                return stopping ? leftForNextOwner(event.jobId()) : true;
            }
            var doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(LAST_REPUBLISH) > 0 ? LAST_REPUBLISH : doubled;
        }
    }

    /**
     * Whether the job ended while its prompt was on its way, so that its outcome is not published after that end: a
     * create that timed out may have made its run, whose callback ended the job while the create was retried. A terminal
     * outcome claims the job's end, so that no callback or poll ends it after.
     */
    private boolean ended(JobEvent event) {
        return event.terminal() ? !completion.claim(event.jobId()) : completion.finished(event.jobId());
    }

    /**
     * Waits until every run submitted before this instance started is known, so that a prompt read again after a crash
     * is not submitted twice.
     *
     * @return false when the worker stops meanwhile; a cancellation's interrupt goes on, to skip the canceled job
     */
    private boolean replayed() {
        try {
            runs.awaitReplayed();
            return true;
        } catch (InterruptedException e) {
            return !stopping;
        }
    }

    private JobCanceled canceledWithCatalog(JobId job) {
        log.debug("Skipped job {}: its catalog was canceled before it started", job);
        return new JobCanceled(job, clock.instant(), JobCanceled.WITH_CATALOG);
    }

    private static boolean leftForNextOwner(JobId job) {
        log.info("Left job {} uncommitted for its partition's next owner: the worker stops", job);
        return false;
    }

    private static @Nullable CatalogId catalog(PromptPrepared event) {
        return event.catalog() == null ? null : event.catalog().catalogId();
    }

    private void interrupt(CancelRequested request) {
        if (request.jobId() == null) {
            // A canceled catalog stops only what has not started, which the providers' lines see for themselves.
            return;
        }
        var job = running.get(request.jobId());
        if (job != null) {
            log.info("Interrupting job {}: it was canceled", request.jobId());
            job.thread().interrupt();
        }
    }

    @Override
    public void start() {
        started = true;
    }

    /**
     * Stops reading, withdraws the jobs still waiting for a provider's turn or for a provider to recover (they stay
     * uncommitted, for the partitions' next owner), and lets the jobs that run finish and publish. The listener
     * containers stop only after this (their phase is lower), so the records of the finished jobs are still committed.
     */
    @Override
    public void stop() {
        stopping = true;
        for (String listener : new String[]{GenerationWorkerKafkaConfiguration.INTERACTIVE_LISTENER,
                GenerationWorkerKafkaConfiguration.BULK_LISTENER}) {
            var container = registry.getListenerContainer(listener);
            if (container != null) {
                container.pause();
            }
        }
        running.values().stream().filter(job -> job.ticket().withdraw()).forEach(job -> job.thread().interrupt());
        // A job that had its turn and now waits out an outage would otherwise hold the stop for up to outage-wait.
        generation.endOutageWaits();
        jobs.close();
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        // Stopped before the listener containers, whose phase is lower.
        return SmartLifecycle.DEFAULT_PHASE;
    }

    /**
     * Its stop is for good (the jobs' executor closes, the lanes' consumers are paused for their next owner), so it
     * is not paused with a context the test framework sets aside: paused consumers would hold their partitions.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    private record Running(Thread thread, Ticket ticket) {
    }
}
