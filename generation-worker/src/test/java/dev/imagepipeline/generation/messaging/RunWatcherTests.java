package dev.imagepipeline.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.JobId;

class RunWatcherTests {

    @Test
    void ownsARunByThePartitionItsJobsCallbacksAreProducedTo() {
        for (int partitions : new int[]{1, 3, 12}) {
            for (int i = 0; i < 1_000; i++) {
                var job = JobId.random();
                int produced = BuiltInPartitioner.partitionForKey(job.toString().getBytes(StandardCharsets.UTF_8),
                        partitions);

                assertThat(RunWatcher.partition(job, partitions)).isEqualTo(produced);
            }
        }
    }
}
