package dev.imagepipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Topics;

class ReplayProgressTests {

    private static final TopicPartition FIRST = new TopicPartition(Topics.JOB_EVENTS, 0);
    private static final TopicPartition SECOND = new TopicPartition(Topics.JOB_EVENTS, 1);

    private final AtomicInteger told = new AtomicInteger();
    private final ReplayProgress replay = new ReplayProgress(told::incrementAndGet);
    private final MockConsumer<Object, Object> consumer = new MockConsumer<>("earliest");

    @Test
    void tellsOnceEveryPartitionHasBeenReadAsFarAsItReachedWhenAssigned() {
        assign(Map.of(FIRST, 3L, SECOND, 1L));

        read(FIRST, 0);
        read(FIRST, 1);
        read(SECOND, 0);
        assertThat(told).hasValue(0);

        read(FIRST, 2);

        assertThat(told).hasValue(1);
    }

    @Test
    void countsARecordTheListenerCouldNotUse() {
        assign(Map.of(FIRST, 2L, SECOND, 0L));

        read(FIRST, 0);
        replay.failure(record(FIRST, 1), new IllegalArgumentException("an event type newer than this reader"),
                consumer);

        assertThat(told).hasValue(1);
    }

    @Test
    void tellsAtOnceWhenTheTopicIsEmpty() {
        assign(Map.of(FIRST, 0L, SECOND, 0L));

        assertThat(told).hasValue(1);
    }

    @Test
    void tellsOnlyOnceWhateverIsAssignedLater() {
        assign(Map.of(FIRST, 0L, SECOND, 0L));

        consumer.updateEndOffsets(Map.of(FIRST, 5L));
        replay.onPartitionsAssigned(consumer, List.of(FIRST));
        read(FIRST, 4);

        assertThat(told).hasValue(1);
    }

    private void assign(Map<TopicPartition, Long> ends) {
        consumer.assign(ends.keySet());
        consumer.updateBeginningOffsets(Map.of(FIRST, 0L, SECOND, 0L));
        consumer.updateEndOffsets(ends);
        replay.onPartitionsAssigned(consumer, ends.keySet());
    }

    private void read(TopicPartition partition, long offset) {
        var record = record(partition, offset);
        assertThat(replay.intercept(record, consumer)).isSameAs(record);
        replay.success(record, consumer);
    }

    private static ConsumerRecord<Object, Object> record(TopicPartition partition, long offset) {
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "key", "value");
    }
}
