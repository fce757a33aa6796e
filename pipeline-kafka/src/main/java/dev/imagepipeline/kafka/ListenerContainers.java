package dev.imagepipeline.kafka;

import java.time.Clock;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.util.backoff.FixedBackOff;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;

/**
 * Builds each module's own listener container factory: JSON records converted to the listener's parameter type and a
 * bounded retry. What happens to a record that still fails depends on whether the module owns the topic's work.
 */
public final class ListenerContainers {

    private static final Logger log = LoggerFactory.getLogger(ListenerContainers.class);

    private final ConsumerFactory<Object, Object> consumers;
    private final KafkaOperations<Object, Object> kafka;
    private final RecordMessageConverter converter;
    private final PipelineKafkaSettings settings;
    private final Clock clock;

    ListenerContainers(ConsumerFactory<Object, Object> consumers, KafkaOperations<Object, Object> kafka,
            RecordMessageConverter converter, PipelineKafkaSettings settings, Clock clock) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.converter = converter;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * For a worker: a record that still fails goes to {@code <topic>-dlt} and the partition moves on; its job, when the
     * key names one, ends {@code failed} on the completion topic, so no job waits forever.
     */
    public ConcurrentKafkaListenerContainerFactory<Object, Object> workerFactory(int concurrency) {
        var deadLetters = new DeadLetterPublishingRecoverer(kafka);
        return factory(concurrency, (record, failure) -> {
            deadLetters.accept(record, failure);
            failJob(record, failure);
        });
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
        factory.setRecordInterceptor(replay);
        return factory;
    }

    private ConcurrentKafkaListenerContainerFactory<Object, Object> factory(int concurrency,
            ConsumerRecordRecoverer recoverer) {
        var backOff = new FixedBackOff(settings.retryInterval().toMillis(), settings.retryAttempts() - 1L);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        // Input that broke a rule once breaks it every time: give up on it at once.
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        factory.setConsumerFactory(consumers);
        factory.setConcurrency(concurrency);
        factory.setRecordMessageConverter(converter);
        factory.setCommonErrorHandler(handler);
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

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
