package dev.imagepipeline.generation.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.kafka.ListenerContainers;

/** generation-worker's own listener container factory, so its error handling stays its own inside the runner. */
@Configuration(proxyBeanMethods = false)
class GenerationWorkerKafkaConfiguration {

    static final String GROUP_ID = "generation-worker";
    static final String CONTAINER_FACTORY = "generationWorkerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> generationWorkerContainerFactory(
            ListenerContainers containers, GenerationWorkerSettings settings) {
        return containers.workerFactory(settings.concurrency());
    }
}
