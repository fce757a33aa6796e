package dev.imagepipeline.prompt.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

import dev.imagepipeline.kafka.ListenerContainers;
import dev.imagepipeline.prompt.PromptWorkerSettings;

/** prompt-worker's own listener container factory, so its error handling stays its own inside the runner. */
@Configuration(proxyBeanMethods = false)
class PromptWorkerKafkaConfiguration {

    static final String GROUP_ID = "prompt-worker";
    static final String CONTAINER_FACTORY = "promptWorkerContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> promptWorkerContainerFactory(ListenerContainers containers,
            PromptWorkerSettings settings) {
        return containers.workerFactory(settings.concurrency());
    }
}
