package dev.imagepipeline.ingest.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;

import dev.imagepipeline.ingest.job.KnownJobs;
import dev.imagepipeline.kafka.ListenerContainers;

/**
 * ingest-api's own listener container factory, for its reader of the completion topic: a group per instance that
 * starts from the earliest retained record and never commits, so every instance knows every recent job.
 */
@Configuration(proxyBeanMethods = false)
class IngestApiKafkaConfiguration {

    static final String GROUP_PREFIX = "ingest-api-";
    static final String CONTAINER_FACTORY = "ingestApiContainerFactory";

    @Bean(CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> ingestApiContainerFactory(ListenerContainers containers,
            KnownJobs known) {
        return containers.replayingReaderFactory(known::caughtUp);
    }
}
