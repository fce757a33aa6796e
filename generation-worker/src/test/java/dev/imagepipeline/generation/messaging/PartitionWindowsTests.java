package dev.imagepipeline.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.Acknowledgment;

import dev.imagepipeline.contracts.Topics;

class PartitionWindowsTests {

    private static final TopicPartition BULK_0 = new TopicPartition(Topics.PROMPTS_BULK, 0);
    private static final TopicPartition BULK_1 = new TopicPartition(Topics.PROMPTS_BULK, 1);

    private final List<String> valve = new ArrayList<>();
    private final List<String> commits = new ArrayList<>();
    private final PartitionWindows windows = new PartitionWindows(topic -> 3, new PartitionWindows.Valve() {
        @Override
        public void pause(TopicPartition partition) {
            valve.add("pause " + partition);
        }

        @Override
        public void resume(TopicPartition partition) {
            valve.add("resume " + partition);
        }
    });

    @Test
    void pausesAPartitionThatHoldsItsLimitAndResumesItWhenOneOfItsJobsEnds() {
        hold(BULK_0, 10);
        hold(BULK_0, 11);
        assertThat(valve).isEmpty();

        var third = hold(BULK_0, 12);
        assertThat(valve).containsExactly("pause " + BULK_0);
        assertThat(windows.held()).isEqualTo(3);

        windows.done(third);

        assertThat(valve).containsExactly("pause " + BULK_0, "resume " + BULK_0);
    }

    @Test
    void commitsARecordOnlyOnceEveryRecordBeforeItIsDone() {
        var first = hold(BULK_0, 5);
        var second = hold(BULK_0, 6);
        var third = hold(BULK_0, 7);

        windows.done(third);
        assertThat(commits).isEmpty();
        windows.done(first);
        assertThat(commits).containsExactly(BULK_0 + "@5");
        windows.done(second);

        assertThat(commits).containsExactly(BULK_0 + "@5", BULK_0 + "@7");
        assertThat(windows.held()).isZero();
    }

    @Test
    void keepsEachPartitionToItself() {
        for (long offset = 0; offset < 3; offset++) {
            hold(BULK_0, offset);
        }
        var other = hold(BULK_1, 0);

        windows.done(other);

        assertThat(valve).containsExactly("pause " + BULK_0);
        assertThat(commits).containsExactly(BULK_1 + "@0");
        assertThat(windows.held()).isEqualTo(3);
    }

    @Test
    void commitsNothingForAPartitionItLostAndLeavesItReadable() {
        var held = new ArrayList<PartitionWindows.Held>();
        for (long offset = 0; offset < 3; offset++) {
            held.add(hold(BULK_0, offset));
        }

        windows.onPartitionsRevokedBeforeCommit(null, List.of(BULK_0));
        held.forEach(windows::done);

        assertThat(valve).containsExactly("pause " + BULK_0, "resume " + BULK_0);
        assertThat(commits).isEmpty();
        assertThat(windows.held()).isZero();
    }

    @Test
    void startsAfreshWithAPartitionAssignedAgain() {
        var stale = hold(BULK_0, 40);
        windows.onPartitionsAssigned(null, List.of(BULK_0));

        var fresh = hold(BULK_0, 30);
        windows.done(fresh);
        windows.done(stale);

        assertThat(commits).containsExactly(BULK_0 + "@30");
    }

    /** A record the error handler dead-lettered: no acknowledgment exists for it, so the window commits it itself. */
    @Nested
    class DeadLettered {

        private final Map<TopicPartition, Long> committed = new HashMap<>();
        /** Stands in for the container's consumer, which the window may commit through on the consumer's thread. */
        private final MockConsumer<Object, Object> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                    OffsetCommitCallback callback) {
                offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            }
        };

        @Test
        void isCommittedAtOnceOnAnIdlePartition() {
            windows.onRecovered(record(BULK_0, 8), consumer);

            assertThat(committed(BULK_0)).isEqualTo(9);
        }

        @Test
        void isNotCommittedPastARecordBeforeItStillRunning() {
            var running = hold(BULK_0, 7);

            windows.onRecovered(record(BULK_0, 8), consumer);

            assertThat(committed(BULK_0)).isNull();
            windows.done(running);
            assertThat(commits).containsExactly(BULK_0 + "@7");
        }

        @Test
        void owesItsCommitOnceTheRecordsBeforeItAreDoneAndPaysItBeforeLettingThePartitionGo() {
            var running = hold(BULK_0, 7);
            windows.onRecovered(record(BULK_0, 8), consumer);
            windows.done(running);

            windows.onPartitionsRevokedBeforeCommit(consumer, List.of(BULK_0));

            assertThat(committed(BULK_0)).isEqualTo(9);
        }

        @Test
        void paysAnOwedCommitWhenTheNextRecordIsDeadLettered() {
            var running = hold(BULK_0, 7);
            windows.onRecovered(record(BULK_0, 8), consumer);
            windows.done(running);

            windows.onRecovered(record(BULK_0, 9), consumer);

            assertThat(committed(BULK_0)).isEqualTo(10);
        }

        @Test
        void doesNotHoldBackTheCommitsOfTheRecordsAfterIt() {
            var running = hold(BULK_0, 7);
            windows.onRecovered(record(BULK_0, 8), consumer);
            var after = hold(BULK_0, 9);

            windows.done(after);
            assertThat(commits).isEmpty();
            windows.done(running);

            assertThat(commits).containsExactly(BULK_0 + "@9");
            windows.onPartitionsRevokedBeforeCommit(consumer, List.of(BULK_0));
            assertThat(committed(BULK_0)).as("nothing owed once a later record is committed").isNull();
        }

        private @Nullable Long committed(TopicPartition partition) {
            return committed.get(partition);
        }

        private static ConsumerRecord<Object, Object> record(TopicPartition partition, long offset) {
            return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, "key", "[1, 2, 3]");
        }
    }

    private PartitionWindows.Held hold(TopicPartition partition, long offset) {
        Acknowledgment ack = () -> commits.add(partition + "@" + offset);
        return windows.hold(partition, offset, ack);
    }
}
