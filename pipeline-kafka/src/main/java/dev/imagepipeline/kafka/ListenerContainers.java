package dev.imagepipeline.kafka;

import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.RecordMessageConverter;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Builds each module's own listener container factory: JSON records converted to the listener's parameter type, a
 * bounded retry, then the record goes to {@code <topic>-dlt} and the partition moves on.
 */
public final class ListenerContainers {

    private final ConsumerFactory<Object, Object> consumers;
    private final KafkaOperations<Object, Object> kafka;
    private final RecordMessageConverter converter;
    private final PipelineKafkaSettings settings;

    ListenerContainers(ConsumerFactory<Object, Object> consumers, KafkaOperations<Object, Object> kafka,
            RecordMessageConverter converter, PipelineKafkaSettings settings) {
        this.consumers = consumers;
        this.kafka = kafka;
        this.converter = converter;
        this.settings = settings;
    }

    public ConcurrentKafkaListenerContainerFactory<Object, Object> factory(int concurrency) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        factory.setConsumerFactory(consumers);
        factory.setConcurrency(concurrency);
        factory.setRecordMessageConverter(converter);
        factory.setCommonErrorHandler(errorHandler());
        return factory;
    }

    private DefaultErrorHandler errorHandler() {
        var backOff = new FixedBackOff(settings.retryInterval().toMillis(), settings.retryAttempts() - 1L);
        var handler = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(kafka), backOff);
        // Input that broke a rule once breaks it every time: dead-letter it at once.
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        return handler;
    }
}
