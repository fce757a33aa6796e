package dev.imagepipeline.ingest.messaging;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Tells when a reader that starts from the earliest retained record has read as far as each of its partitions reached
 * when they were first assigned: from then on it knows everything the topic held at its start.
 */
final class ReplayProgress implements ConsumerAwareRebalanceListener {

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

    /** The reader has read the record before {@code position} on the partition. */
    synchronized void read(TopicPartition partition, long position) {
        Long end = ends.get(partition);
        if (end != null && position >= end) {
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
