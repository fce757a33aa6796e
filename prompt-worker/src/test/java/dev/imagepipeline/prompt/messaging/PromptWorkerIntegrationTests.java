package dev.imagepipeline.prompt.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.kafka.Cancellations;
import dev.imagepipeline.prompt.PromptWorkerApplication;

@SpringBootTest(classes = PromptWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PromptWorkerIntegrationTests {

    private static final KraftBroker broker = KraftBroker.shared();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Autowired
    Cancellations cancellations;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void publishesPromptPreparedForSubmittedJob() {
        String jobId = UUID.randomUUID().toString();

        probe.send(Topics.REQUESTS, jobId, submitted(jobId, "bulk"));

        var lane = probe.readUntil(Topics.PROMPTS_BULK, r -> r.key().equals(jobId), TIMEOUT);
        assertThat(lane).last()
                .satisfies(record -> assertThat(record.value())
                        .contains("\"type\":\"prompt_prepared\"", "\"jobId\":\"" + jobId + "\"",
                                "Professional product photography of ceramic pour-over coffee dripper", "\"width\":768",
                                "\"seed\":7", "\"provider\":\"local\"", "\"model\":\"preview\"", "\"warnings\":[]")
                        .doesNotContain("__TypeId__"));
        assertThat(probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(jobId), TIMEOUT)).last()
                .satisfies(record -> assertThat(record.value()).contains("\"type\":\"prompt_prepared\""));
        // No class names: the only header is the job's trace context, for the next hop to continue.
        assertThat(lane.getLast().headers().toArray()).extracting(Header::key).containsExactly("traceparent");
    }

    @Test
    void shapesTheJobForTheModelItNamesAndTheMarketplaceItTargets() {
        String jobId = UUID.randomUUID().toString();

        probe.send(Topics.REQUESTS, jobId,
                submitted(jobId, "interactive")
                        .replace("\"provider\":null,\"model\":null",
                                "\"provider\":\"replicate\",\"model\":\"flux-schnell\"")
                        .replace("\"style\":\"studio\"", "\"style\":\"studio\",\"marketplace\":\"amazon_main\""));

        var lane = probe.readUntil(Topics.PROMPTS_INTERACTIVE, r -> r.key().equals(jobId), TIMEOUT);
        assertThat(lane.getLast().value()).contains("\"model\":\"flux-schnell\"", "\"negativePrompt\":\"\"",
                "\"numInferenceSteps\":4", "\"guidanceScale\":null", "\"width\":1024",
                "\"marketplace\":\"amazon_main\"", "Isolated on a pure white background",
                "FLUX.1 [schnell] takes no negative prompt", "amazon_main needs at least 1000 px");
    }

    @Test
    void passesARecordToReproduceThroughAsItIs() {
        String jobId = UUID.randomUUID().toString();
        String record = """
                {"description":"ceramic pour-over coffee dripper, matte black","category":"kitchenware",
                 "style":"studio","marketplace":"amazon_main","autofix":true,"provider":"replicate",
                 "model":"flux-dev","prompt":"a recorded prompt the engine would never write",
                 "negativePrompt":"recorded negative",
                 "settings":{"width":832,"height":1216,"numImages":1,"guidanceScale":3.5,
                             "numInferenceSteps":28,"seed":424242},
                 "providerInput":{"aspect_ratio":"2:3"},"index":0,"warnings":[],"seed":424242}""";

        probe.send(Topics.REQUESTS, jobId, submitted(jobId, "interactive").replace("\"lane\":",
                "\"autofix\":true,\"reproduce\":" + record + ",\"lane\":"));

        var lane = probe.readUntil(Topics.PROMPTS_INTERACTIVE, r -> r.key().equals(jobId), TIMEOUT);
        assertThat(lane.getLast().value()).contains("\"prompt\":\"a recorded prompt the engine would never write\"",
                "\"negativePrompt\":\"recorded negative\"",
                "\"settings\":{\"width\":832,\"height\":1216,\"numImages\":1,\"guidanceScale\":3.5,"
                        + "\"numInferenceSteps\":28,\"seed\":424242}",
                "\"provider\":\"replicate\"", "\"model\":\"flux-dev\"", "\"marketplace\":\"amazon_main\"",
                "\"autofix\":true", "reproduced from an image record; the prompt engine was not asked");
    }

    @Test
    void deadLettersAPoisonRecordFailsItsJobAndMovesOn() {
        String poisonId = UUID.randomUUID().toString();
        String nextId = UUID.randomUUID().toString();

        probe.send(Topics.REQUESTS, poisonId, "{this is not json");
        probe.send(Topics.REQUESTS, nextId,
                submitted(nextId, "interactive").replace("\"numImages\":2", "\"numImages\":9"));
        String validId = UUID.randomUUID().toString();
        probe.send(Topics.REQUESTS, validId, submitted(validId, "interactive"));

        var dead = probe.readUntilKeys(Topics.deadLetter(Topics.REQUESTS), List.of(poisonId, nextId), TIMEOUT);
        assertThat(dead).extracting(r -> r.key()).contains(poisonId, nextId);
        assertThat(dead).filteredOn(r -> r.key().equals(poisonId)).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo("{this is not json");
            assertThat(TopicProbe.header(record, "kafka_dlt-exception-message")).isNotBlank();
        });
        assertThat(dead).filteredOn(r -> r.key().equals(nextId))
                .singleElement()
                .satisfies(record -> assertThat(TopicProbe.header(record, "kafka_dlt-exception-message"))
                        .contains("numImages must be from 1 to 4"));
        assertThat(probe.readUntilKeys(Topics.JOB_EVENTS, List.of(poisonId, nextId), TIMEOUT))
                .filteredOn(r -> r.key().equals(nextId))
                .singleElement()
                .satisfies(failed -> assertThat(failed.value()).contains("\"type\":\"failed\"",
                        "\"reason\":\"invalid_request\"", "numImages must be from 1 to 4"));
        assertThat(probe.readUntil(Topics.PROMPTS_INTERACTIVE, r -> r.key().equals(validId), TIMEOUT))
                .extracting(r -> r.key())
                .contains(validId)
                .doesNotContain(poisonId, nextId);
    }

    @Test
    void preparesAPollOfJobsTogetherAndSetsAsideOnlyTheBadOnesAmongThem() throws Exception {
        var records = new ArrayList<Map.Entry<String, String>>();
        var valid = new ArrayList<String>();
        var invalid = new ArrayList<String>();
        for (int i = 0; i < 60; i++) {
            String jobId = UUID.randomUUID().toString();
            boolean bad = i % 20 == 10;
            (bad ? invalid : valid).add(jobId);
            String request = submitted(jobId, "interactive");
            records.add(Map.entry(jobId, bad ? request.replace("\"numImages\":2", "\"numImages\":9") : request));
        }

        probe.sendTogether(Topics.REQUESTS, records);

        probe.readUntilKeys(Topics.PROMPTS_INTERACTIVE, valid, TIMEOUT);
        probe.readUntilKeys(Topics.deadLetter(Topics.REQUESTS), invalid, TIMEOUT);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(uncommitted(Topics.REQUESTS)).isZero());
        assertThat(probe.readAll(Topics.PROMPTS_INTERACTIVE, Duration.ofSeconds(1))).extracting(ConsumerRecord::key)
                .filteredOn(records.stream().map(Map.Entry::getKey).toList()::contains)
                .as("each valid job prepared once, no bad one")
                .containsExactlyInAnyOrderElementsOf(valid);
        assertThat(probe.readAll(Topics.deadLetter(Topics.REQUESTS), Duration.ofSeconds(1)))
                .extracting(ConsumerRecord::key)
                .filteredOn(invalid::contains)
                .containsExactlyInAnyOrderElementsOf(invalid);
        assertThat(probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(1)))
                .filteredOn(record -> invalid.contains(record.key()))
                .extracting(ConsumerRecord::value)
                .hasSize(invalid.size())
                .allSatisfy(value -> assertThat(value).contains("\"reason\":\"invalid_request\""));
    }

    /** Records of the topic prompt-worker's group has yet to commit. */
    private static long uncommitted(String topic) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            var committed = admin.listConsumerGroupOffsets(PromptWorkerKafkaConfiguration.GROUP_ID)
                    .partitionsToOffsetAndMetadata()
                    .get();
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            var ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(info -> new TopicPartition(topic, info.partition()),
                            info -> OffsetSpec.latest())))
                    .all()
                    .get();
            return ends.entrySet().stream().mapToLong(end -> {
                var at = committed.get(end.getKey());
                return end.getValue().offset() - (at == null ? 0 : at.offset());
            }).sum();
        }
    }

    @Test
    void skipsAJobCanceledWhileItWaited() {
        String canceled = UUID.randomUUID().toString();
        String fence = UUID.randomUUID().toString();
        probe.send(Topics.CANCELLATIONS, canceled, """
                {"jobId":"%s","at":"2026-11-27T10:15:31Z","provider":null,"predictionId":null}""".formatted(canceled));
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(cancellations.canceled(JobId.parse(canceled))).isTrue());

        probe.send(Topics.REQUESTS, canceled, submitted(canceled, "interactive"));
        probe.send(Topics.REQUESTS, fence, submitted(fence, "interactive"));

        probe.readUntilKeys(Topics.PROMPTS_INTERACTIVE, List.of(fence), TIMEOUT);
        assertThat(probe.readAll(Topics.PROMPTS_INTERACTIVE, Duration.ofSeconds(2))).extracting(r -> r.key())
                .contains(fence)
                .doesNotContain(canceled);
        assertThat(probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(1))).extracting(r -> r.key())
                .doesNotContain(canceled);
    }

    @Test
    void preparesCatalogRequestsFromTheirOwnTopic() {
        String jobId = UUID.randomUUID().toString();

        probe.send(Topics.REQUESTS_BULK, jobId,
                ofCatalog(submitted(jobId, "bulk"), UUID.randomUUID().toString(), "SKU-1", 1));

        assertThat(probe.readUntilKeys(Topics.PROMPTS_BULK, List.of(jobId), TIMEOUT))
                .filteredOn(r -> r.key().equals(jobId))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).contains("\"type\":\"prompt_prepared\""));
    }

    @Test
    void putsTheJobsOfOneCatalogOnOnePartitionOfTheBulkLane() {
        var catalogs = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        var jobs = new ArrayList<String>();
        for (String catalog : catalogs) {
            for (int item = 1; item <= 6; item++) {
                String jobId = UUID.randomUUID().toString();
                jobs.add(jobId);
                probe.send(Topics.REQUESTS, jobId, ofCatalog(submitted(jobId, "bulk"), catalog, "SKU-" + item, item));
            }
        }

        var lane = probe.readUntilKeys(Topics.PROMPTS_BULK, jobs, TIMEOUT);
        for (String catalog : catalogs) {
            assertThat(lane).filteredOn(r -> r.value().contains(catalog))
                    .hasSize(6)
                    .extracting(r -> r.partition())
                    .containsOnly(lane.stream()
                            .filter(r -> r.value().contains(catalog))
                            .findFirst()
                            .orElseThrow()
                            .partition());
        }
        assertThat(lane).filteredOn(r -> jobs.contains(r.key()))
                .allSatisfy(
                        record -> assertThat(record.value()).contains("\"catalog\":{\"catalogId\":", "\"sku\":\"SKU-"));
    }

    @Test
    void putsACatalogsJobsOnThePartitionItWasGiven() {
        String catalog;
        do {
            catalog = UUID.randomUUID().toString();
            // One whose hash would choose another partition.
        } while (Utils.toPositive(Utils.murmur2(catalog.getBytes(StandardCharsets.UTF_8))) % 12 == 11);
        var jobs = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (String jobId : jobs) {
            probe.send(Topics.REQUESTS, jobId, ofCatalog(submitted(jobId, "bulk"), catalog, "SKU-" + jobId, 1)
                    .replace("\"line\":1}", "\"line\":1,\"bulkPartition\":11}"));
        }

        assertThat(probe.readUntilKeys(Topics.PROMPTS_BULK, jobs, TIMEOUT)).filteredOn(r -> jobs.contains(r.key()))
                .hasSize(2)
                .extracting(r -> r.partition())
                .containsOnly(11);
    }

    @Test
    void endsTheWaitingJobsOfACanceledCatalogInsteadOfPreparingThem() {
        String catalog = UUID.randomUUID().toString();
        String waiting = UUID.randomUUID().toString();
        String elsewhere = UUID.randomUUID().toString();
        probe.send(Topics.CANCELLATIONS, catalog, """
                {"jobId":null,"at":"2026-11-27T10:15:31Z","catalogId":"%s"}""".formatted(catalog));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(cancellations.canceled(CatalogId.parse(catalog))).isTrue());

        probe.send(Topics.REQUESTS, waiting, ofCatalog(submitted(waiting, "bulk"), catalog, "SKU-1", 1));
        probe.send(Topics.REQUESTS, elsewhere,
                ofCatalog(submitted(elsewhere, "bulk"), UUID.randomUUID().toString(), "SKU-1", 1));

        probe.readUntilKeys(Topics.PROMPTS_BULK, List.of(elsewhere), TIMEOUT);
        assertThat(probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(waiting), TIMEOUT))
                .filteredOn(r -> r.key().equals(waiting))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).contains("\"type\":\"canceled\"",
                        "\"reason\":\"canceled with its catalog\""));
        assertThat(probe.readAll(Topics.PROMPTS_BULK, Duration.ofSeconds(2))).extracting(r -> r.key())
                .doesNotContain(waiting);
    }

    private static String ofCatalog(String submitted, String catalog, String sku, int line) {
        return submitted.replace("\"lane\":", "\"catalog\":{\"catalogId\":\"%s\",\"sku\":\"%s\",\"line\":%d},\"lane\":"
                .formatted(catalog, sku, line));
    }

    private static String submitted(String jobId, String lane) {
        return """
                {"jobId":"%s","description":"ceramic pour-over coffee dripper, matte black",
                 "category":"kitchenware","style":"studio",
                 "settings":{"numImages":2,"resolution":"768x768","guidanceScale":7.5,"seed":7},
                 "provider":null,"model":null,"callbackUrl":null,"lane":"%s",
                 "submittedAt":"2026-11-27T10:15:30Z"}
                """.formatted(jobId, lane);
    }
}
