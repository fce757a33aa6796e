package dev.imagepipeline.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A container's rebalance listener that commits the container's records itself, in its own order, implements this to
 * hear of each record the error handler dead-lettered: the container does not commit it in a manual ack mode, so the
 * listener must, in turn, or the record is dead-lettered again after every restart.
 */
public interface RecoveredRecordListener {

    /** Called on the consumer's thread, once the record is on its dead-letter topic; the consumer may commit. */
    void onRecovered(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer);
}
