package dev.imagepipeline.kafka;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.CompositeRecordInterceptor;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.backoff.FixedBackOff;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds each module's own listener container factory: JSON records converted to the listener's parameter type and a
 * bounded retry. What happens to a record that still fails depends on whether the module owns the topic's work. Every
 * container is observed (a record's trace continues from its headers) and logs the job id of the record it handles.
 */
public final class ListenerContainers {

    private static final Logger log = LoggerFactory.getLogger(ListenerContainers.class);

    private final ConsumerFactory<Object, Object> consumers;
    private final KafkaOperations<Object, Object> kafka;
    private final RecordMessageConverter converter;
    private final PipelineKafkaSettings settings;
    private final Clock clock;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final MeterRegistry meters;

    ListenerContainers(ConsumerFactory<Object, Object> consumers, KafkaOperations<Object, Object> kafka,
            RecordMessageConverter converter, PipelineKafkaSettings settings, Clock clock, MeterRegistry meters) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.converter = converter;
        this.settings = settings;
        this.clock = clock;
        this.deadLetters = new DeadLetterPublishingRecoverer(kafka);
        this.meters = meters;
    }

    /**
     * For a worker: a record that still fails goes to {@code <topic>-dlt} and the partition moves on (see
     * {@link #deadLetter}). A container whose rebalance listener is a {@link RecoveredRecordListener} hears of each
     * record dead-lettered, to commit it.
     */
    public ConcurrentKafkaListenerContainerFactory<Object, Object> workerFactory(int concurrency) {
        return factory(concurrency, this::deadLetter);
    }

    /**
     * As {@link #workerFactory}, for a listener that takes a whole poll and publishes its output with a
     * {@link PollPublisher}: the poll is committed once all of it is published, and a record that fails, named by the
     * listener's {@link org.springframework.kafka.listener.BatchListenerFailedException}, is retried or dead-lettered
     * after the records before it are committed.
     */
    public ConcurrentKafkaListenerContainerFactory<Object, Object> batchWorkerFactory(int concurrency) {
        var factory = workerFactory(concurrency);
        factory.setBatchListener(true);
        return factory;
    }

    /**
     * Sets a worker's record aside on {@code <topic>-dlt}: done by the container for a record that failed on its thread,
     * and by the worker for one whose work failed on a thread of its own (the worker then commits it). A record that
     * carries a job's work (a request, a prompt) fails that job on the completion topic when its key names one, so no
     * job waits forever. A provider callback is news about a job, not its work: one that cannot be read says nothing
     * of the job, which is left alone, and whose run is polled should its real callback never come.
     */
    public void deadLetter(ConsumerRecord<?, ?> record, Exception failure) {
        deadLetters.accept(record, failure);
        Counter.builder("pipeline.kafka.dead.letters")
                .description("Records set aside on a -dlt topic, by the topic they came from")
                .tag("topic", record.topic())
                .register(meters)
                .increment();
        if (record.topic().equals(Topics.PROVIDER_CALLBACKS)) {
            log.warn("Dead-lettered callback {}-{}@{} (key {}), leaving its job alone: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), rootMessage(failure));
        } else {
            failJob(record, failure);
        }
    }

    /**
     * For a reader of a topic other services own, such as every result-notifier instance on the completion topic: a
     * record it cannot use is logged and skipped. Dead-lettering it would repeat once per instance and per restart.
     */
    public ConcurrentKafkaListenerContainerFactory<Object, Object> readerFactory(int concurrency) {
        return factory(concurrency, (record, failure) -> log.warn("Skipped record {}-{}@{} (key {}): {}",
                record.topic(), record.partition(), record.offset(), record.key(), rootMessage(failure)));
    }

    /**
     * For a service's own view of a topic, such as ingest-api's known jobs on the completion topic: a reader (see
     * {@link #readerFactory}) in a group of the instance's own that starts from the earliest retained record and never
     * commits, and runs {@code onReplayed} once it has read what the topic held when the reader was first assigned.
     */
    public ConcurrentKafkaListenerContainerFactory<Object, Object> replayingReaderFactory(Runnable onReplayed) {
        var factory = readerFactory(1);
        var replay = new ReplayProgress(onReplayed);
        factory.getContainerProperties().setAckMode(AckMode.MANUAL);
        factory.getContainerProperties().setConsumerRebalanceListener(replay);
        factory.setRecordInterceptor(new CompositeRecordInterceptor<>(new JobLogContext(), replay));
        return factory;
    }

    private ConcurrentKafkaListenerContainerFactory<Object, Object> factory(int concurrency,
            ConsumerRecordRecoverer recoverer) {
        var backOff = new FixedBackOff(settings.retryInterval().toMillis(), settings.retryAttempts() - 1L);
        var handler = new RecoveryTellingErrorHandler(recoverer, backOff);
        // Input that broke a rule once breaks it every time: give up on it at once.
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        factory.setConsumerFactory(consumers);
        factory.setConcurrency(concurrency);
        factory.setRecordMessageConverter(converter);
        factory.setCommonErrorHandler(handler);
        factory.setRecordInterceptor(new JobLogContext());
        // Continues the trace a record's headers carry, so one job is one trace across every hop.
        factory.getContainerProperties().setObservationEnabled(settings.observed());
        return factory;
    }

    private void failJob(ConsumerRecord<?, ?> record, Exception failure) {
        jobOf(record).ifPresent(job -> {
            boolean invalid = hasCause(failure, IllegalArgumentException.class)
                    || hasCause(failure, MessageConversionException.class);
            String message = invalid
                    ? "The request was refused: " + rootMessage(failure)
                    : "The job could not be processed and was set aside on " + Topics.deadLetter(record.topic());
            var failed = new GenerationFailed(job, clock.instant(), invalid ? "invalid_request" : "processing_failed",
                    message);
            kafka.send(Topics.JOB_EVENTS, job.toString(), failed).join();
        });
    }

    private static Optional<JobId> jobOf(ConsumerRecord<?, ?> record) {
        try {
            return record.key() instanceof String key ? Optional.of(JobId.parse(key)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's message: what a person reading a dead letter or a log line needs. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** Tells a container's {@link RecoveredRecordListener} of each record it recovered. */
    private static final class RecoveryTellingErrorHandler extends DefaultErrorHandler {

        RecoveryTellingErrorHandler(ConsumerRecordRecoverer recoverer, FixedBackOff backOff) {
            super(recoverer, backOff);
        }

        @Override
        public void handleRemaining(Exception thrown, List<ConsumerRecord<?, ?>> records, Consumer<?, ?> consumer,
                MessageListenerContainer container) {
            super.handleRemaining(thrown, records, consumer, container);
            // Returns only when the first record was recovered; otherwise it is sought again and super throws.
            if (container.getContainerProperties()
                    .getConsumerRebalanceListener() instanceof RecoveredRecordListener listener) {
                listener.onRecovered(records.getFirst(), consumer);
            }
        }
    }
}
