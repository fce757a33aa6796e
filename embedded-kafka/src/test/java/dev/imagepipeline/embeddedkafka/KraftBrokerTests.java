package dev.imagepipeline.embeddedkafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KraftBrokerTests {

    @Test
    void carriesRecordsOverTheKafkaProtocolAndDeletesItsTemporaryData() {
        Path dataDir;
        try (var broker = KraftBroker.startTemporary()) {
            dataDir = broker.dataDir();
            var probe = new TopicProbe(broker.bootstrapServers());

            probe.send("greetings", "k1", "hello");

            assertThat(probe.readUntil("greetings", r -> true, Duration.ofSeconds(20)))
                    .extracting(ConsumerRecord::value)
                    .containsExactly("hello");
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void keepsRecordsAcrossARestartInAConfiguredDirectory(@TempDir Path dir) {
        try (var broker = KraftBroker.start(dir, 0)) {
            new TopicProbe(broker.bootstrapServers()).send("jobs", "job-1", "in flight");
        }
        assertThat(Files.exists(dir.resolve("log/meta.properties"))).isTrue();

        try (var broker = KraftBroker.start(dir, 0)) {
            var records = new TopicProbe(broker.bootstrapServers()).readUntil("jobs", r -> true,
                    Duration.ofSeconds(30));

            assertThat(records).extracting(ConsumerRecord::value).containsExactly("in flight");
        }
    }
}
