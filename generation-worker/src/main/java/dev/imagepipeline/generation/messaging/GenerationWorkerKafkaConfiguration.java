package dev.imagepipeline.generation.messaging;

import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.job.SubmittedRuns;
import dev.imagepipeline.kafka.CancellationsConfiguration;
import dev.imagepipeline.kafka.ListenerContainers;

/** generation-worker's own listener container factories, so its error handling stays its own inside the runner. */
@Configuration(proxyBeanMethods = false)
@Import(CancellationsConfiguration.class)
class GenerationWorkerKafkaConfiguration {

    static final String GROUP_ID = "generation-worker";
    static final String WINDOWED_CONTAINER_FACTORY = "generationWorkerWindowedContainerFactory";
    static final String INTERACTIVE_LISTENER = "generation-worker.interactive";
    static final String BULK_LISTENER = "generation-worker.bulk";
    static final String CALLBACKS_LISTENER = "generation-worker.callbacks";
    static final String EVENTS_CONTAINER_FACTORY = "generationWorkerEventsContainerFactory";
    static final String EVENTS_LISTENER = "generation-worker.job-events";
    /** Each instance reads the completion topic as a group of its own: this prefix and a random suffix. */
    static final String EVENTS_GROUP_PREFIX = "generation-worker-events-";

    /**
     * For the prompt lanes and the provider callbacks: each record is committed by its partition's window, in order,
     * whenever its job is done.
     */
    @Bean(WINDOWED_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> generationWorkerWindowedContainerFactory(
            ListenerContainers containers, GenerationWorkerSettings settings, PartitionWindows windows) {
        var factory = containers.workerFactory(settings.concurrency());
        var properties = factory.getContainerProperties();
        // Immediate: a window's commit is sent as its job ends. Unlike MANUAL, a dead-lettered record is then not
        // committed by the container past jobs still running before it; PartitionWindows commits it in its turn
        // (see RecoveredRecordListener).
        properties.setAckMode(AckMode.MANUAL_IMMEDIATE);
        // Not waited for: a later commit of the partition covers one that failed, and a canceled catalog's records,
        // skipped by the thousand, must not each hold the consumer for a round trip.
        properties.setSyncCommits(false);
        properties.setConsumerRebalanceListener(windows);
        var consumer = new Properties();
        // One record per poll: a partition's window is looked at before each record, so it never holds more than
        // its limit.
        consumer.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        // A paused partition keeps what the client fetched for it: 64 KiB is a few dozen prompts, not a catalog.
        consumer.setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(64 * 1024));
        return withConsumerProperties(factory, consumer);
    }

    /**
     * For the completion topic: a group per instance that starts from the earliest retained record and never commits,
     * and tells {@link SubmittedRuns} once it has read what the topic held at its start.
     */
    @Bean(EVENTS_CONTAINER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> generationWorkerEventsContainerFactory(
            ListenerContainers containers, SubmittedRuns runs) {
        return containers.replayingReaderFactory(runs::replayed);
    }

    // A configurer rather than @Scheduled, like the image sweep: the worker's own scheduling, whatever the runner adds.
    @Bean
    SchedulingConfigurer generationWorkerRunWatch(RunWatcher watcher) {
        return tasks -> tasks.addFixedDelayTask(watcher::lookOver, RunWatcher.TICK);
    }

    /**
     * The factory does not copy its own consumer properties into the containers it makes (spring-kafka 4), so each
     * container is given them as it is made.
     */
    private static ConcurrentKafkaListenerContainerFactory<Object, Object> withConsumerProperties(
            ConcurrentKafkaListenerContainerFactory<Object, Object> factory, Properties consumer) {
        factory.setContainerCustomizer(
                container -> container.getContainerProperties().setKafkaConsumerProperties(consumer));
        return factory;
    }

    @Bean
    PartitionWindows generationWorkerPartitionWindows(GenerationWorkerSettings settings,
            KafkaListenerEndpointRegistry registry) {
        return new PartitionWindows(topic -> topic.equals(Topics.PROMPTS_BULK)
                ? settings.lanes().bulkJobsPerPartition()
                : settings.maxInFlight(), new ListenerValve(registry));
    }

    /** Pauses a lane's partition through its listener container, which applies it between polls. */
    private record ListenerValve(KafkaListenerEndpointRegistry registry) implements PartitionWindows.Valve {

        @Override
        public void pause(TopicPartition partition) {
            var container = registry.getListenerContainer(listener(partition));
            if (container != null) {
                container.pausePartition(partition);
            }
        }

        @Override
        public void resume(TopicPartition partition) {
            var container = registry.getListenerContainer(listener(partition));
            if (container != null) {
                container.resumePartition(partition);
            }
        }

        private static String listener(TopicPartition partition) {
            return switch (partition.topic()) {
                case Topics.PROMPTS_BULK -> BULK_LISTENER;
                case Topics.PROVIDER_CALLBACKS -> CALLBACKS_LISTENER;
                default -> INTERACTIVE_LISTENER;
            };
        }
    }
}
