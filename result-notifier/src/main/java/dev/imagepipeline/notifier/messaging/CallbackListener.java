package dev.imagepipeline.notifier.messaging;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.notifier.callback.CallbackDeliveries;
import dev.imagepipeline.notifier.callback.PublishedEvent;

/**
 * Feeds the completion topic to the callback deliveries under one consumer group for all instances. On each assignment
 * it reads its partitions from the start of the retention: records before the group's committed offset only teach
 * jobs' callback URLs (an {@code accepted} event long before its job's terminal one), records from there on are
 * delivered and acknowledged. It does not run without a signing secret, so nothing is skipped meanwhile.
 */
@Component
class CallbackListener implements ConsumerSeekAware {

    private final CallbackDeliveries deliveries;
    private final Map<TopicPartition, Long> committedAtAssignment = new ConcurrentHashMap<>();

    CallbackListener(CallbackDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @KafkaListener(id = "result-notifier.callbacks", groupId = ResultNotifierCallbackKafkaConfiguration.GROUP, topics = Topics.JOB_EVENTS, containerFactory = ResultNotifierCallbackKafkaConfiguration.CONTAINER_FACTORY, autoStartup = "#{@resultNotifierCallbackDeliveries.enabled()}")
    void on(JobEvent event, ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
        var partition = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < committedAtAssignment.getOrDefault(partition, 0L)) {
            deliveries.replayed(event);
            return;
        }
        deliveries.published(event, new PublishedEvent(record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), record.value()));
        acknowledgment.acknowledge();
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        committedAtAssignment.putAll(assignments);
        callback.seekToBeginning(assignments.keySet());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.forEach(committedAtAssignment::remove);
    }
}
