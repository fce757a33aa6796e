package dev.imagepipeline.kafka;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.Topics;

/**
 * Reads the cancellations topic into {@link Cancellations}, for the workers that import it. Every instance is a group of
 * its own that starts from the earliest retained request and never commits: a request must reach every instance,
 * including one started after it was made, since the canceled job may still be waiting on its topic.
 */
@Configuration(proxyBeanMethods = false)
public class CancellationsConfiguration {

    static final String CONTAINER_FACTORY = "pipelineCancellationsContainerFactory";

    /** Far more requests than the jobs a topic's retention holds at once. */
    private static final int CAPACITY = 100_000;

    @Bean
    Cancellations pipelineCancellations() {
        return new Cancellations(CAPACITY);
    }

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> pipelineCancellationsContainerFactory(
            ListenerContainers containers) {
        var factory = containers.readerFactory(1);
        factory.getContainerProperties().setAckMode(AckMode.MANUAL);
        return factory;
    }

    @Bean
    CancellationListener pipelineCancellationListener(Cancellations cancellations) {
        return new CancellationListener(cancellations);
    }

    static final class CancellationListener {

        private final Cancellations cancellations;

        CancellationListener(Cancellations cancellations) {
            this.cancellations = cancellations;
        }

        @KafkaListener(id = "pipeline.cancellations", groupId = "pipeline-cancellations-#{T(java.util.UUID).randomUUID()}", topics = Topics.CANCELLATIONS, containerFactory = CONTAINER_FACTORY)
        void on(CancelRequested request) {
            cancellations.record(request);
        }
    }
}
