package dev.imagepipeline.generation.messaging;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/** The worker group's commits, as the integration tests read them from the broker. */
final class CommittedOffsets {

    private CommittedOffsets() {
    }

    /** The group's committed offset on the partition; 0 while it committed none. */
    static long of(String bootstrapServers, TopicPartition partition) throws Exception {
        try (var admin = Admin
                .create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var offset = admin.listConsumerGroupOffsets(GenerationWorkerKafkaConfiguration.GROUP_ID)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return offset == null ? 0 : offset.offset();
        }
    }
}
