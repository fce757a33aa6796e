package dev.imagepipeline.prompt.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

import dev.imagepipeline.kafka.CancellationsConfiguration;
import dev.imagepipeline.kafka.ListenerContainers;
import dev.imagepipeline.prompt.PromptWorkerSettings;

/**
 * prompt-worker's own listener container factory, so its error handling stays its own inside the runner, and the
 * cancellations it skips jobs by.
 */
@Configuration(proxyBeanMethods = false)
@Import(CancellationsConfiguration.class)
class PromptWorkerKafkaConfiguration {

    static final String GROUP_ID = "prompt-worker";
    static final String CONTAINER_FACTORY = "promptWorkerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> promptWorkerContainerFactory(ListenerContainers containers,
            PromptWorkerSettings settings) {
        return containers.batchWorkerFactory(settings.concurrency());
    }
}
