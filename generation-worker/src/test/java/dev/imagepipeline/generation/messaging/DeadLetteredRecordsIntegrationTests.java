package dev.imagepipeline.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.generation.GenerationWorkerApplication;

/**
 * Records the worker dead-letters: a poison prompt on an idle partition is committed, so a restart does not
 * dead-letter it (and fail its job) again; a malformed callback is dead-lettered and leaves the job its key names alone.
 */
class DeadLetteredRecordsIntegrationTests {

    private static final KraftBroker broker = KraftBroker.startTemporary();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static ConfigurableApplicationContext worker;

    @BeforeAll
    static void start() throws Exception {
        worker = new SpringApplicationBuilder(GenerationWorkerApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                "--pipeline.kafka.partitions=1", "--pipeline.kafka.bulk-partitions=1",
                "--pipeline.generation-worker.images.directory=" + Files.createTempDirectory("dead-letter-images-"));
    }

    @AfterAll
    static void stop() {
        worker.close();
        broker.close();
    }

    @Test
    void commitsAPoisonPromptDeadLetteredOnAnIdlePartition() {
        String poison = UUID.randomUUID().toString();

        probe.send(Topics.PROMPTS_BULK, poison, "[1, 2, 3]");

        probe.readUntilKeys(Topics.deadLetter(Topics.PROMPTS_BULK), List.of(poison), TIMEOUT);
        await().atMost(TIMEOUT).until(() -> committed(new TopicPartition(Topics.PROMPTS_BULK, 0)) == 1);
    }

    @Test
    void deadLettersACallbackWithoutProviderOrBodyAndLeavesItsJobAlone() {
        String noProvider = UUID.randomUUID().toString();
        String noBody = UUID.randomUUID().toString();
        String fence = UUID.randomUUID().toString();

        probe.send(Topics.PROVIDER_CALLBACKS, noProvider, """
                {"jobId":"%s","receivedAt":"2026-11-27T10:15:40Z","deliveryId":"msg_1","body":"{}"}"""
                .formatted(noProvider));
        probe.send(Topics.PROVIDER_CALLBACKS, noBody, """
                {"jobId":"%s","receivedAt":"2026-11-27T10:15:40Z","provider":"replicate","deliveryId":"msg_2"}"""
                .formatted(noBody));
        // Well-formed, from a provider this worker does not know: its job still ends.
        probe.send(Topics.PROVIDER_CALLBACKS, fence, """
                {"jobId":"%s","receivedAt":"2026-11-27T10:15:40Z","provider":"midjourney","deliveryId":"msg_3",
                 "body":"{}"}""".formatted(fence));

        assertThat(
                probe.readUntilKeys(Topics.deadLetter(Topics.PROVIDER_CALLBACKS), List.of(noProvider, noBody), TIMEOUT))
                .extracting(r -> r.key())
                .contains(noProvider, noBody);
        probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(fence) && r.value().contains("unknown_provider"),
                TIMEOUT);
        assertThat(probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(2))).extracting(r -> r.key())
                .doesNotContain(noProvider, noBody);
    }

    /** The worker's committed offset on the partition. */
    private static long committed(TopicPartition partition) throws Exception {
        try (var admin = Admin.create(
                Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var offset = admin.listConsumerGroupOffsets(GenerationWorkerKafkaConfiguration.GROUP_ID)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return offset == null ? 0 : offset.offset();
        }
    }
}
