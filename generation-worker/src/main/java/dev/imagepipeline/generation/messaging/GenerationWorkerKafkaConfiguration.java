package dev.imagepipeline.generation.messaging;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.kafka.CancellationsConfiguration;
import dev.imagepipeline.kafka.ListenerContainers;

/** generation-worker's own listener container factory, so its error handling stays its own inside the runner. */
@Configuration(proxyBeanMethods = false)
@Import(CancellationsConfiguration.class)
class GenerationWorkerKafkaConfiguration {

    static final String GROUP_ID = "generation-worker";
    static final String CONTAINER_FACTORY = "generationWorkerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> generationWorkerContainerFactory(
            ListenerContainers containers, GenerationWorkerSettings settings) {
        var factory = containers.workerFactory(settings.concurrency());
        // Jobs run off the consumer thread, and the consumer pauses until a poll's jobs are done: the poll size is
        // how many run at once.
        var consumer = new Properties();
        consumer.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxInFlight()));
        factory.getContainerProperties().setKafkaConsumerProperties(consumer);
        return factory;
    }
}
