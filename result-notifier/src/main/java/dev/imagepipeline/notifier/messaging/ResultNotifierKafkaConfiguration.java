package dev.imagepipeline.notifier.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import dev.imagepipeline.kafka.ListenerContainers;

/**
 * result-notifier's own listener container factory. Every instance is its own consumer group that starts from the
 * earliest retained record and never commits: each instance rebuilds the whole view at start and sees every job, so
 * any instance can answer any client, and no offsets pile up on the broker.
 */
@Configuration(proxyBeanMethods = false)
class ResultNotifierKafkaConfiguration {

    static final String GROUP_PREFIX = "result-notifier-";
    static final String CONTAINER_FACTORY = "resultNotifierContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> resultNotifierContainerFactory(
            ListenerContainers containers) {
        var factory = containers.readerFactory(1);
        factory.getContainerProperties().setAckMode(AckMode.MANUAL);
        return factory;
    }
}
