package dev.imagepipeline.notifier.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import dev.imagepipeline.kafka.ListenerContainers;

/**
 * The listener container factory of the callback deliveries: one consumer group shared by every instance, so that each
 * event is delivered by one of them, committing only what it has handed to the deliveries.
 */
@Configuration(proxyBeanMethods = false)
class ResultNotifierCallbackKafkaConfiguration {

    static final String GROUP = "result-notifier-callbacks";
    static final String CONTAINER_FACTORY = "resultNotifierCallbackContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> resultNotifierCallbackContainerFactory(
            ListenerContainers containers) {
        var factory = containers.readerFactory(1);
        factory.getContainerProperties().setAckMode(AckMode.MANUAL);
        // A record skipped while replaying lies before the group's committed offset: committing it would move the
        // group back, and a restart would deliver again what was delivered.
        factory.setContainerCustomizer(container -> {
            var errorHandler = container.getCommonErrorHandler();
            if (errorHandler != null) {
                errorHandler.setAckAfterHandle(false);
            }
        });
        return factory;
    }
}
