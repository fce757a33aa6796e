package dev.imagepipeline.generation.messaging;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.generation.job.Completion;
import dev.imagepipeline.generation.job.SubmittedRuns;
import dev.imagepipeline.kafka.ListenerContainers;
import dev.imagepipeline.kafka.PipelinePublisher;

/**
 * Finishes submitted jobs from the provider callbacks webhook-receiver relays. Copying a run's images takes seconds,
 * so, as for prompts, it happens on a virtual thread of its own, and {@link PartitionWindows} commits the record once
 * the job's outcome is published. Nothing is read until this instance knows which jobs ended (a callback read again
 * after a restart must not end its job a second time). A callback that is not one (no job, provider or body, or a body
 * that is not its provider's) is dead-lettered and leaves the job its key names alone: garbage under a live job's key
 * must not end that job, whose run is polled if its real callback never comes.
 *
 * <p>
 * The listener returns nothing on purpose. A listener that returns a future makes spring-kafka track the acks of each
 * poll itself, and a record that failed before the listener ran, with others behind it in the poll, left the consumer
 * paused for acks that never came.
 */
@Component
class ProviderCallbackListener implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProviderCallbackListener.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Completion completion;
    private final SubmittedRuns runs;
    private final PipelinePublisher publisher;
    private final PartitionWindows windows;
    private final ListenerContainers containers;
    private final JobTrace trace;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final ExecutorService jobs = Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("callback-", 0).factory());

    ProviderCallbackListener(Completion completion, SubmittedRuns runs, PipelinePublisher publisher,
            PartitionWindows windows, ListenerContainers containers, JobTrace trace) {
        this.completion = completion;
        this.runs = runs;
        this.publisher = publisher;
        this.windows = windows;
        this.containers = containers;
        this.trace = trace;
    }

    @KafkaListener(id = GenerationWorkerKafkaConfiguration.CALLBACKS_LISTENER, groupId = GenerationWorkerKafkaConfiguration.GROUP_ID, topics = Topics.PROVIDER_CALLBACKS, containerFactory = GenerationWorkerKafkaConfiguration.WINDOWED_CONTAINER_FACTORY)
    void on(ProviderCallback callback, ConsumerRecord<?, ?> record, Acknowledgment ack) {
        requireWellFormed(callback);
        var held = windows.hold(new TopicPartition(record.topic(), record.partition()), record.offset(), ack);
        try {
            jobs.execute(() -> {
                if (settled(callback, record)) {
                    windows.done(held);
                }
            });
        } catch (RejectedExecutionException stopped) {
            log.debug("Left callback {} for the partition's next owner: the worker stops", callback.deliveryId());
        }
    }

    /**
     * Completes the job from its callback, again and again while its outcome cannot be published or its images stored:
     * the record is committed only once that is done. A run that never settles this way is ended by its deadline.
     *
     * @return whether the record is done with; not when the worker stops first
     */
    private boolean settled(ProviderCallback callback, ConsumerRecord<?, ?> record) {
        var pause = FIRST_RETRY;
        try {
            while (!runs.awaitReplayed(FIRST_RETRY)) {
                if (stopping.getCount() == 0) {
                    return leftForNextOwner(callback);
                }
            }
            while (stopping.getCount() > 0) {
                try {
                    trace.within(runs.trace(callback.jobId()), "pipeline.callback",
                            () -> completion.complete(callback, publisher::announce, publisher::publish));
                    return true;
                } catch (IllegalArgumentException notItsProviders) {
                    containers.deadLetter(record, notItsProviders);
                    return true;
                } catch (RuntimeException e) {
                    log.warn("Could not complete job {} from callback {}, trying again in {} s: {}", callback.jobId(),
                            callback.deliveryId(), pause.toSeconds(), e.getMessage());
                }
                if (stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    break;
                }
                var doubled = pause.multipliedBy(2);
                pause = doubled.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : doubled;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return leftForNextOwner(callback);
    }

    private static boolean leftForNextOwner(ProviderCallback callback) {
        log.info("Left callback {} of job {} uncommitted for its partition's next owner: the worker stops",
                callback.deliveryId(), callback.jobId());
        return false;
    }

    /**
     * A well-formed callback from a provider this worker does not know still ends its job ({@code unknown_provider}):
     * webhook-receiver relays only callbacks it verified, so the run is real, and no worker here could ever read it.
     */
    private static void requireWellFormed(ProviderCallback callback) {
        // Read from JSON, the record's non-null components may be null all the same.
        if (callback.jobId() == null || callback.provider() == null || callback.provider().isBlank()
                || callback.body() == null) {
            throw new IllegalArgumentException("A provider callback needs a jobId, a provider and a body");
        }
    }

    /** Lets the callbacks in flight finish and publish before the producer goes away; those that wait stop waiting. */
    @Override
    public void destroy() {
        stopping.countDown();
        jobs.close();
    }
}
