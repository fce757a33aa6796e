package dev.imagepipeline.ingest.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.ingest.IngestApiApplication;
import dev.imagepipeline.ingest.job.KnownJobs;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = IngestApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogIntegrationTests {

    private static final KraftBroker broker = KraftBroker.shared();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    KnownJobs known;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void queuesEveryItemAsABulkJobAndPublishesTheCatalogsTotals() throws Exception {
        String body = "sku,description,category,style\n" + IntStream.rangeClosed(1, 1200)
                .mapToObj(i -> "SKU-%04d,stoneware mug no. %d,kitchenware,studio\n".formatted(i, i))
                .reduce("", String::concat) + "SKU-BAD,mug,kitchenware,polaroid\n";

        var response = upload("text/csv", body, null);

        assertThat(response.statusCode()).isEqualTo(202);
        var receipt = json.readTree(response.body());
        String catalog = receipt.get("id").asString();
        assertThat(response.headers().firstValue("Location")).hasValue("/api/catalogs/" + catalog);
        assertThat(receipt.get("items").asInt()).isEqualTo(1200);
        assertThat(receipt.get("rejected").get(0).get("line").asLong()).isEqualTo(1202);

        var id = CatalogId.parse(catalog);
        var jobs = IntStream.rangeClosed(1, 1200).mapToObj(i -> id.job("SKU-%04d".formatted(i)).toString()).toList();
        var requests = probe.readUntilKeys(Topics.REQUESTS_BULK, jobs, TIMEOUT);
        assertThat(requests).filteredOn(r -> jobs.contains(r.key()))
                .hasSize(1200)
                .allSatisfy(r -> assertThat(r.value()).contains("\"lane\":\"bulk\"", "\"catalogId\":\"" + catalog));
        assertThat(probe.readUntilKeys(Topics.JOB_EVENTS, jobs, TIMEOUT)).filteredOn(r -> jobs.contains(r.key()))
                .hasSize(1200)
                .allSatisfy(r -> assertThat(r.value()).contains("\"type\":\"accepted\""));
        assertThat(probe.readUntil(Topics.CATALOGS, r -> r.key().equals(catalog), TIMEOUT).getLast().value()).contains(
                "\"items\":1200", "\"created\":1200", "\"rejectedCount\":1", "\"line\":1202",
                "style 'polaroid' is not allowed");
    }

    @Test
    void putsANewCatalogOnTheBulkPartitionWithTheFewestJobsWaiting() throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            // Jobs wait on every partition of the bulk lane but the last, as when other catalogs are running.
            for (int partition = 0; partition < 11; partition++) {
                for (int waiting = 0; waiting < 3; waiting++) {
                    producer.send(
                            new ProducerRecord<>(Topics.PROMPTS_BULK, partition, UUID.randomUUID().toString(), "{}"))
                            .get();
                }
            }
        }

        var response = upload("application/x-ndjson", item("LAMP-1") + item("LAMP-2"), null);

        String catalog = json.readTree(response.body()).get("id").asString();
        var jobs = List.of(CatalogId.parse(catalog).job("LAMP-1").toString(),
                CatalogId.parse(catalog).job("LAMP-2").toString());
        assertThat(probe.readUntilKeys(Topics.REQUESTS_BULK, jobs, TIMEOUT)).filteredOn(r -> jobs.contains(r.key()))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.value()).contains("\"bulkPartition\":11"));
    }

    @Test
    void anUploadSentAgainQueuesOnlyTheItemsNoInstanceHasAccepted() throws Exception {
        String key = "pim-export-" + UUID.randomUUID();
        var catalog = CatalogId.forKey(key);
        // Another instance accepted item B before this upload: this instance learns it from the completion topic.
        String elsewhere = catalog.job("B").toString();
        probe.send(Topics.JOB_EVENTS, elsewhere, """
                {"type":"accepted","jobId":"%s","at":"2026-11-27T10:15:30Z","description":"mug",
                 "category":"kitchenware","style":"studio",
                 "settings":{"numImages":1,"resolution":"1024x1024","guidanceScale":null,"seed":null},
                 "provider":null,"lane":"bulk","callbackUrl":null,
                 "catalog":{"catalogId":"%s","sku":"B","line":2}}""".formatted(elsewhere, catalog));
        await().atMost(TIMEOUT).until(() -> known.contains(catalog.job("B")));
        String first = item("A") + item("B");

        var response = upload("application/x-ndjson", first, key);

        assertThat(json.readTree(response.body()).get("items").asInt()).isEqualTo(2);
        assertThat(json.readTree(response.body()).get("created").asInt()).isEqualTo(1);

        var again = upload("application/x-ndjson", first + item("C"), key);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json.readTree(again.body()).get("items").asInt()).isEqualTo(3);
        assertThat(json.readTree(again.body()).get("created").asInt()).isEqualTo(1);
        var keys = List.of(catalog.job("A").toString(), catalog.job("C").toString());
        probe.readUntilKeys(Topics.REQUESTS_BULK, keys, TIMEOUT);
        assertThat(probe.readAll(Topics.REQUESTS_BULK, Duration.ofSeconds(2))).extracting(r -> r.key())
                .filteredOn(k -> k.equals(keys.get(0)) || k.equals(keys.get(1)) || k.equals(elsewhere))
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    private static String item(String sku) {
        return """
                {"sku":"%s","description":"stoneware mug","category":"kitchenware","style":"studio"}
                """.formatted(sku);
    }

    private HttpResponse<String> upload(String type, String body, String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/catalogs"))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try (var client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
