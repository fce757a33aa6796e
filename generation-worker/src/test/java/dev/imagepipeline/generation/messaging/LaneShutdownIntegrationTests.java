package dev.imagepipeline.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.kafka.event.ConsumerPausedEvent;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.generation.GenerationWorkerApplication;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;

/**
 * A worker that stops while one job runs and others wait for their provider's turn: the running job finishes, is
 * published and committed; the waiting ones are neither published nor committed, and the next worker runs them.
 */
class LaneShutdownIntegrationTests {

    private static final KraftBroker broker = KraftBroker.startTemporary();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final TopicPartition CATALOG_PARTITION = new TopicPartition(Topics.PROMPTS_BULK, 0);

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void finishesTheRunningJobAndLeavesTheWaitingOnesToTheNextWorker() throws Exception {
        var stub = new Stub();
        var jobs = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            jobs.add(UUID.randomUUID().toString());
        }
        String running = jobs.getFirst();
        // A quota of one call a minute: the first job runs, the others wait for their turn.
        try (var first = start(stub, 1)) {
            probe.send(Topics.PROMPTS_BULK, running, prepared(running));
            await().atMost(Duration.ofSeconds(60)).until(() -> stub.started.containsKey(running));
            jobs.subList(1, 5).forEach(job -> probe.send(Topics.PROMPTS_BULK, job, prepared(job)));
            await().until(() -> first.getBean(PartitionWindows.class).held() == 4);

            // The running job's call ends only once the worker has begun to stop.
            first.addApplicationListener((ApplicationListener<ConsumerPausedEvent>) paused -> stub.release.countDown());
            CompletableFuture.runAsync(first::close).get(60, TimeUnit.SECONDS);
        }

        assertThat(committed()).isOne();
        var events = probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(2));
        assertThat(events).filteredOn(record -> record.value().contains("\"type\":\"succeeded\""))
                .extracting(record -> record.key())
                .containsExactly(running);
        var next = new Stub();
        next.release.countDown();
        try (var second = start(next, 6_000)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 5);
            var waited = new ArrayList<>(jobs);
            waited.remove(running);
            assertThat(next.started).containsOnlyKeys(waited);
        }
    }

    private static ConfigurableApplicationContext start(Stub stub, int perMinute) throws Exception {
        return new SpringApplicationBuilder(GenerationWorkerApplication.class)
                .initializers((GenericApplicationContext context) -> context.registerBean("stubProvider",
                        ImageProvider.class, () -> stub))
                .run("--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                        "--pipeline.kafka.partitions=1", "--pipeline.kafka.bulk-partitions=1",
                        "--pipeline.generation-worker.quotas.stub=" + perMinute,
                        "--pipeline.generation-worker.lanes.bulk-jobs-per-partition=4",
                        "--pipeline.generation-worker.images.directory="
                                + Files.createTempDirectory("lane-shutdown-images-"));
    }

    /** The group's committed offset on the catalog's partition. */
    private static long committed() throws Exception {
        return CommittedOffsets.of(broker.bootstrapServers(), CATALOG_PARTITION);
    }

    private static String prepared(String jobId) {
        return """
                {"type":"prompt_prepared","jobId":"%s","at":"2026-11-27T10:15:30Z",
                 "description":"walnut desk organizer","category":"furniture","style":"studio",
                 "prompt":"Professional product photography of walnut desk organizer","negativePrompt":"blurry",
                 "settings":{"width":512,"height":512,"numImages":1,"guidanceScale":7.5,"numInferenceSteps":30,
                 "seed":5},
                 "provider":"stub","model":null,"lane":"bulk","callbackUrl":null,
                 "catalog":{"catalogId":"6f1c1a52-3c1e-4a8e-9a49-1c1f3f1b7d10","sku":"sku","line":1}}
                """.formatted(jobId);
    }

    /** A metered provider whose calls last until the test releases them. */
    private static final class Stub implements ImageProvider {

        final Map<String, Boolean> started = new ConcurrentHashMap<>();
        final CountDownLatch release = new CountDownLatch(1);

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
            started.put(order.jobId().toString(), true);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new GeneratedBatch(order.model(), 1, List.of(), List.of());
        }
    }
}
