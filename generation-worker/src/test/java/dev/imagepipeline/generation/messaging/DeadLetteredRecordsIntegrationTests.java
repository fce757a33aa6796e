package dev.imagepipeline.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
 * dead-letter it (and fail its job) again; malformed callbacks, several in one poll, are dead-lettered, leave the jobs
 * their keys name alone, and hold up neither the callbacks behind them nor the commits.
 */
class DeadLetteredRecordsIntegrationTests {

    private static final KraftBroker broker = KraftBroker.startTemporary();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static ConfigurableApplicationContext worker;

    // Sent before the worker starts, so that its first poll of the callbacks holds all of them.
    private static final String noProvider = UUID.randomUUID().toString();
    private static final String noBody = UUID.randomUUID().toString();
    private static final String notAPrediction = UUID.randomUUID().toString();
    private static final String tombstone = UUID.randomUUID().toString();
    private static final String array = "malformed-callback-array";
    private static final String fence = UUID.randomUUID().toString();

    @BeforeAll
    static void start() throws Exception {
        probe.send(Topics.PROVIDER_CALLBACKS, noProvider, """
                {"jobId":"%s","receivedAt":"2026-11-27T10:15:40Z","deliveryId":"msg_1","body":"{}"}"""
                .formatted(noProvider));
        probe.send(Topics.PROVIDER_CALLBACKS, noBody, """
                {"jobId":"%s","receivedAt":"2026-11-27T10:15:40Z","provider":"replicate","deliveryId":"msg_2"}"""
                .formatted(noBody));
        probe.send(Topics.PROVIDER_CALLBACKS, notAPrediction, """
                {"jobId":"%s","receivedAt":"2026-11-27T10:15:40Z","provider":"replicate","deliveryId":"msg_3",
                 "body":"{}"}""".formatted(notAPrediction));
        probe.send(Topics.PROVIDER_CALLBACKS, tombstone, null);
        probe.send(Topics.PROVIDER_CALLBACKS, array, "[1,2,3]");
        // Well-formed, from a provider this worker does not know: its job still ends.
        probe.send(Topics.PROVIDER_CALLBACKS, fence, """
                {"jobId":"%s","receivedAt":"2026-11-27T10:15:40Z","provider":"midjourney","deliveryId":"msg_4",
                 "body":"{}"}""".formatted(fence));
        worker = new SpringApplicationBuilder(GenerationWorkerApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                "--pipeline.kafka.partitions=1", "--pipeline.kafka.bulk-partitions=1",
                // Replicate reads its callbacks; nothing here calls it.
                "--pipeline.generation-worker.replicate.api-token=r8_dead_letter_test",
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
    void deadLettersCallbacksThatAreNoneAndLeavesTheirJobsAlone() {
        assertThat(probe.readUntilKeys(Topics.deadLetter(Topics.PROVIDER_CALLBACKS),
                List.of(noProvider, noBody, notAPrediction, tombstone, array), TIMEOUT)).extracting(r -> r.key())
                .contains(noProvider, noBody, notAPrediction, tombstone, array);
        probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(fence) && r.value().contains("unknown_provider"),
                TIMEOUT);
        assertThat(probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(2))).extracting(r -> r.key())
                .doesNotContain(noProvider, noBody, notAPrediction, tombstone);
        // All six are done with: a restart reads none of them again.
        await().atMost(TIMEOUT).until(() -> committed(new TopicPartition(Topics.PROVIDER_CALLBACKS, 0)) == 6);
    }

    /** The worker's committed offset on the partition. */
    private static long committed(TopicPartition partition) throws Exception {
        return CommittedOffsets.of(broker.bootstrapServers(), partition);
    }
}
