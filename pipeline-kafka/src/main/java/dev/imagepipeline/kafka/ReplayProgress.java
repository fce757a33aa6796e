package dev.imagepipeline.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Tells when a reader that starts from the earliest retained record has read as far as each of its partitions reached
 * when they were first assigned: from then on it knows everything the topic held at its start. A record counts as read
 * whether the listener could use it or not, so that one it skips at the end of a partition does not hold the replay.
 */
final class ReplayProgress implements ConsumerAwareRebalanceListener, RecordInterceptor<Object, Object> {

    private final Runnable onReplayed;
    // Partition → the offset the reader must reach.
    private final Map<TopicPartition, Long> ends = new HashMap<>();
    private boolean assigned;
    private boolean replayed;

    ReplayProgress(Runnable onReplayed) {
        this.onReplayed = onReplayed;
    }

    @Override
    public synchronized void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (assigned) {
            return;
        }
        assigned = true;
        consumer.endOffsets(partitions).forEach((partition, end) -> {
            if (consumer.position(partition) < end) {
                ends.put(partition, end);
            }
        });
        check();
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
            Consumer<Object, Object> consumer) {
        return record;
    }

    @Override
    public void success(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        read(record);
    }

    @Override
    public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
        read(record);
    }

    private synchronized void read(ConsumerRecord<?, ?> record) {
        var partition = new TopicPartition(record.topic(), record.partition());
        Long end = ends.get(partition);
        if (end != null && record.offset() + 1 >= end) {
            ends.remove(partition);
            check();
        }
    }

    private void check() {
        if (assigned && !replayed && ends.isEmpty()) {
            replayed = true;
            onReplayed.run();
        }
    }
}
