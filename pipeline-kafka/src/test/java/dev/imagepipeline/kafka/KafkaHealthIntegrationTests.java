package dev.imagepipeline.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

import dev.imagepipeline.embeddedkafka.KraftBroker;

class KafkaHealthIntegrationTests {

    private Instant now = Instant.parse("2026-11-28T06:00:00Z");
    private final Clock clock = new Clock() {

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void isUpWhileTheBrokerAnswersAndDownOnceItIsGoneAfterTheCachedAnswerExpires() {
        var broker = KraftBroker.startTemporary();
        var health = new KafkaHealth(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                Duration.ofSeconds(2), Duration.ofSeconds(5), clock);
        try {
            var up = health.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("nodes", 1).containsKey("clusterId");

            broker.close();
            now = now.plusSeconds(1);
            assertThat(health.health().getStatus()).as("the cached answer").isEqualTo(Status.UP);

            now = now.plusSeconds(5);
            var down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsKey("error");
        } finally {
            broker.close();
            health.destroy();
        }
    }

    @Test
    void isDownWhenNoBrokerListensWithinItsTimeout() {
        var health = new KafkaHealth(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"),
                Duration.ofMillis(500), Duration.ofSeconds(5), clock);
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            health.destroy();
        }
    }
}
