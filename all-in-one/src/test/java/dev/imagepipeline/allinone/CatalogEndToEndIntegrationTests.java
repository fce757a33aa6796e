package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import tools.jackson.databind.JsonNode;

/** A catalog of a few thousand products through the runner's whole pipeline and the local renderer. */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pipeline.runner.broker-port=0")
class CatalogEndToEndIntegrationTests {

    private static final int ITEMS = 2000;

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void accountsForEveryItemAndGeneratesNothingTwiceWhenSentAgain() throws Exception {
        var runner = new RunnerClient(port);
        String key = "pim-export-" + UUID.randomUUID();
        var lines = new StringBuilder();
        IntStream.rangeClosed(1, ITEMS).forEach(i -> {
            lines.append("""
                    {"sku":"SKU-%05d","description":"stoneware mug no. %d","category":"kitchenware",\
                    "style":"white_background","settings":{"num_images":1,"resolution":"512x512"}}
                    """.formatted(i, i));
            if (i == 700) {
                lines.append("{\"sku\":\"BROKEN\",\"description\":\"mug\",\"category\":\"kitchenware\"\n");
            }
        });
        lines.append("""
                {"sku":"SKU-00001","description":"the same SKU again","category":"kitchenware","style":"studio"}
                """);

        var receipt = runner.json(upload(runner, key, lines.toString()).body());

        String id = receipt.get("id").asString();
        assertThat(id).isEqualTo(CatalogId.forKey(key).toString());
        assertThat(receipt.get("items").asInt()).isEqualTo(ITEMS);
        assertThat(receipt.get("created").asInt()).isEqualTo(ITEMS);
        assertThat(receipt.get("rejected")).extracting(line -> line.get("line").asLong()).containsExactly(701L, 2002L);
        assertThat(receipt.get("rejected").get(1).get("reason").asString()).isEqualTo("repeats the SKU of line 1");

        JsonNode done = await().atMost(Duration.ofMinutes(6))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> catalog(runner, id), catalog -> "completed".equals(catalog.path("status").asString()));
        assertThat(done.get("items").asInt()).isEqualTo(ITEMS);
        assertThat(done.get("counts").get("completed").asInt()).isEqualTo(ITEMS);
        assertThat(done.get("rejected").asInt()).isEqualTo(2);

        var results = runner.send(HttpRequest.newBuilder(runner.uri("/api/catalogs/" + id + "/results")).build());
        var rows = results.body().lines().map(runner::json).toList();
        assertThat(rows).hasSize(ITEMS).allSatisfy(row -> {
            assertThat(row.get("status").asString()).isEqualTo("completed");
            assertThat(row.get("images")).hasSize(1);
        });
        assertThat(rows).extracting(row -> row.get("sku").asString()).doesNotHaveDuplicates();
        assertThat(runner.decodedWidth(rows.get(ITEMS - 1).get("images").get(0).asString())).isEqualTo(512);
        var csv = runner
                .send(HttpRequest.newBuilder(runner.uri("/api/catalogs/" + id + "/results?format=csv")).build());
        assertThat(csv.body().lines()).hasSize(ITEMS + 1).first().asString().startsWith("sku,job_id,");

        var again = runner.json(upload(runner, key, lines.toString()).body());
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("items").asInt()).isEqualTo(ITEMS);

        var catalogJobs = IntStream.rangeClosed(1, ITEMS)
                .mapToObj(i -> CatalogId.forKey(key).job("SKU-%05d".formatted(i)).toString())
                .toList();
        var succeeded = new TopicProbe(bootstrapServers).readAll(Topics.JOB_EVENTS, Duration.ofSeconds(5))
                .stream()
                .filter(record -> record.value().contains("\"type\":\"succeeded\""))
                .map(record -> record.key())
                .filter(catalogJobs::contains)
                .toList();
        assertThat(succeeded).hasSize(ITEMS).doesNotHaveDuplicates();
        assertThat(catalog(runner, id).get("counts").get("completed").asInt()).isEqualTo(ITEMS);
    }

    private static HttpResponse<String> upload(RunnerClient runner, String key, String body) throws Exception {
        var response = runner.send(HttpRequest.newBuilder(runner.uri("/api/catalogs"))
                .header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response;
    }

    private static JsonNode catalog(RunnerClient runner, String id) throws Exception {
        var response = runner.send(HttpRequest.newBuilder(runner.uri("/api/catalogs/" + id)).build());
        return response.statusCode() == 200 ? runner.json(response.body()) : runner.json("{}");
    }
}
