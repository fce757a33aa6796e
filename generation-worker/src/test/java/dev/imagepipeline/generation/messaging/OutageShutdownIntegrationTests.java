package dev.imagepipeline.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.generation.GenerationWorkerApplication;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import dev.imagepipeline.generation.provider.ProviderException;

/**
 * A worker that stops while a job waits for its provider to recover from an outage: the job already had its turns, so
 * nothing but the end of its wait lets the stop go on. It publishes no outcome, stays uncommitted, and the next worker
 * runs it.
 */
class OutageShutdownIntegrationTests {

    private static final KraftBroker broker = KraftBroker.startTemporary();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final TopicPartition PARTITION = new TopicPartition(Topics.PROMPTS_INTERACTIVE, 0);

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void stopsWithoutWaitingOutTheOutageAndLeavesTheJobToTheNextWorker() throws Exception {
        String job = UUID.randomUUID().toString();
        // Its first two calls fail and open the circuit, which then rests far longer than the test runs.
        var first = start(new Stub(true));
        probe.send(Topics.PROMPTS_INTERACTIVE, job, prepared(job));
        var read = probe.readUntil(Topics.JOB_EVENTS, waiting(job), Duration.ofSeconds(60));

        var stop = CompletableFuture.runAsync(first::close);

        assertThat(read).anyMatch(waiting(job));
        // A stop that waited for the job would take its outage-wait, ten minutes.
        assertThat(stop).succeedsWithin(Duration.ofSeconds(60));

        assertThat(committed()).isZero();
        assertThat(outcomes(job)).isEmpty();
        try (var second = start(new Stub(false))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 1);
            assertThat(outcomes(job)).containsExactly("succeeded");
        }
    }

    private static ConfigurableApplicationContext start(Stub stub) throws Exception {
        return new SpringApplicationBuilder(GenerationWorkerApplication.class)
                .initializers((GenericApplicationContext context) -> context.registerBean("stubProvider",
                        ImageProvider.class, () -> stub))
                .run("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                        "--pipeline.kafka.partitions=1", "--pipeline.kafka.bulk-partitions=1",
                        "--pipeline.generation-worker.quotas.stub=6000",
                        "--pipeline.generation-worker.resilience.initial-backoff=10ms",
                        "--pipeline.generation-worker.resilience.window=2",
                        "--pipeline.generation-worker.resilience.open-for=10m",
                        "--pipeline.generation-worker.resilience.outage-wait=10m",
                        "--pipeline.generation-worker.images.directory="
                                + Files.createTempDirectory("outage-shutdown-images-"));
    }

    private static Predicate<ConsumerRecord<String, String>> waiting(String job) {
        return record -> record.key().equals(job)
                && record.value().contains("stub is failing; waiting up to 600 s for it to recover");
    }

    /** The types of the job's terminal events on the completion topic. */
    private static List<String> outcomes(String job) {
        return probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(2))
                .stream()
                .filter(record -> record.key().equals(job))
                .map(record -> record.value())
                .filter(value -> value.contains("\"type\":\"succeeded\"") || value.contains("\"type\":\"failed\""))
                .map(value -> value.contains("\"type\":\"succeeded\"") ? "succeeded" : "failed")
                .toList();
    }

    /** The group's committed offset on the interactive lane's partition. */
    private static long committed() throws Exception {
        return CommittedOffsets.of(broker.bootstrapServers(), PARTITION);
    }

    private static String prepared(String jobId) {
        return """
                {"type":"prompt_prepared","jobId":"%s","at":"2026-11-27T10:15:30Z",
                 "description":"walnut desk organizer","category":"furniture","style":"studio",
                 "prompt":"Professional product photography of walnut desk organizer","negativePrompt":"blurry",
                 "settings":{"width":512,"height":512,"numImages":1,"guidanceScale":7.5,"numInferenceSteps":30,
                 "seed":5},
                 "provider":"stub","model":null,"lane":"interactive","callbackUrl":null}
                """.formatted(jobId);
    }

    /** A metered provider that fails every call, for a reason a retry may cure, or delivers every one. */
    private record Stub(boolean failing) implements ImageProvider {

        @Override
        public String name() {
            return "stub";
        }

        @Override
        public String defaultModel() {
            return "stub-model";
        }

        @Override
        public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
            if (failing) {
                throw new ProviderException("provider_error", "The stub answered 500.", true);
            }
            return new GeneratedBatch(order.model(), 1, List.of(), List.of());
        }
    }
}
