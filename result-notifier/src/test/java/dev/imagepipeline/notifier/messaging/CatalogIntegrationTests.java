package dev.imagepipeline.notifier.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.notifier.ResultNotifierApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A catalog of a few hundred jobs followed from the topics, served in every form, and canceled. */
@SpringBootTest(classes = ResultNotifierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pipeline.result-notifier.unknown-job-grace=200ms")
class CatalogIntegrationTests {

    private static final KraftBroker broker = KraftBroker.shared();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    // One producer for hundreds of records: the probe opens one per record. Not idempotent: on a loaded machine an
    // idempotent producer whose request timed out was seen to resend with its sequence reset, which the broker then
    // refused for good; a duplicate event is harmless here, as it is to every reader of the topic. One request in
    // flight, though: with more, a retried batch lands after the next one, and a job's end read before its acceptance
    // names no catalog, so the view rightly ignores it and the catalog never ends (seen once in CI).
    private static final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false, ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
            new StringSerializer(), new StringSerializer());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ITEMS = 300;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final CatalogId catalog = CatalogId.random();
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void closeProducer() {
        producer.close();
    }

    @Test
    void followsACatalogFromTheTopicsAndCancelsIt() throws Exception {
        // A few items end before the receipt is read: events of a catalog may overtake its receipt.
        for (int line = 1; line <= ITEMS; line++) {
            send(Topics.JOB_EVENTS, job(line), accepted(line));
        }
        for (int line = 1; line <= 5; line++) {
            send(Topics.JOB_EVENTS, job(line), succeeded(line));
        }
        producer.flush();
        await().atMost(TIMEOUT).until(() -> catalogJson().path("items").asInt() == ITEMS);
        assertThat(catalogJson().path("status").asString()).isEqualTo("receiving");
        send(Topics.CATALOGS, catalog.toString(), receipt());
        producer.flush();
        await().atMost(TIMEOUT).until(() -> "running".equals(catalogJson().path("status").asString()));

        var stream = http.send(request("/api/catalogs/" + catalog + "/events").build(),
                HttpResponse.BodyHandlers.ofLines());
        Iterator<String> lines = stream.body().iterator();
        var events = new ArrayList<Event>();
        events.add(next(lines));
        long streaming = System.nanoTime();

        for (int line = 6; line <= 250; line++) {
            send(Topics.JOB_EVENTS, job(line), progressed(line));
            send(Topics.JOB_EVENTS, job(line), line <= 240 ? succeeded(line) : failed(line));
        }
        producer.flush();
        var canceled = http.send(
                request("/api/catalogs/" + catalog + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        // What the workers do with a canceled catalog: each job that had not started ends canceled.
        for (int line = 251; line <= ITEMS; line++) {
            send(Topics.JOB_EVENTS, job(line), """
                    {"type":"canceled","jobId":"%s","at":"%s","reason":"canceled with its catalog"}"""
                    .formatted(job(line), start.plusSeconds(3)));
        }
        producer.flush();
        Event event;
        while ((event = next(lines)) != null) {
            events.add(event);
        }
        double streamedSeconds = (System.nanoTime() - streaming) / 1e9;

        assertThat(canceled.statusCode()).isEqualTo(202);
        assertThat(json.readTree(canceled.body()).path("cancelRequested").asBoolean()).isTrue();
        assertThat(probe.readUntilKeys(Topics.CANCELLATIONS, List.of(catalog.toString()), TIMEOUT))
                .filteredOn(record -> record.key().equals(catalog.toString()))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).contains("\"catalogId\":\"" + catalog + "\"",
                        "\"jobId\":null"));

        assertThat(events.getFirst().name()).isEqualTo("progress");
        assertThat(events).filteredOn(e -> e.name().equals("item"))
                .as("one for each item that ended while the stream was open")
                .hasSize(ITEMS - 5);
        assertThat(json.readTree(events.getLast().data()).path("status").asString()).isEqualTo("canceled");
        assertThat(events).filteredOn(e -> e.name().equals("progress"))
                .as("progress at most once a second, plus the first and the last")
                .hasSizeLessThanOrEqualTo((int) streamedSeconds + 2);

        var summary = catalogJson();
        assertThat(summary.path("status").asString()).isEqualTo("canceled");
        assertThat(summary.path("counts").toString())
                .isEqualTo("{\"queued\":0,\"processing\":0,\"completed\":240,\"failed\":10,\"canceled\":50}");
        assertThat(summary.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(summary.path("rejected").asInt()).isEqualTo(2);
        assertThat(summary.path("rejections").size()).isEqualTo(2);
        assertThat(summary.path("failures").size()).isEqualTo(10);
        assertThat(summary.path("failureCount").asInt()).isEqualTo(10);

        var ndjson = get("/api/catalogs/" + catalog + "/results");
        assertThat(ndjson.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        var items = ndjson.body().lines().map(json::readTree).toList();
        assertThat(items).hasSize(ITEMS);
        assertThat(items).extracting(item -> item.path("line").asInt()).isSorted();
        assertThat(items.getFirst().path("images").get(0).asString()).isEqualTo("http://localhost/api/images/1.png");
        assertThat(items.get(244).path("error").path("reason").asString()).isEqualTo("provider_error");
        assertThat(items.getLast().path("status").asString()).isEqualTo("canceled");

        var csv = http.send(request("/api/catalogs/" + catalog + "/results").header("Accept", "text/csv").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
        var rows = csv.body().split("\r\n");
        assertThat(rows).hasSize(ITEMS + 1);
        assertThat(rows[0])
                .isEqualTo("sku,job_id,line,status,image_urls,error_reason,error_message,compliant,cost_usd");
        assertThat(rows[1])
                .isEqualTo("\"SKU 1, blue\",%s,1,completed,http://localhost/api/images/1.png,,,,".formatted(job(1)));
        assertThat(get("/api/catalogs/" + catalog + "/results?format=csv").body()).isEqualTo(csv.body());

        var again = http.send(
                request("/api/catalogs/" + catalog + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(json.readTree(again.body()).path("status").asString()).isEqualTo("canceled");
        assertThat(probe.readAll(Topics.CANCELLATIONS, Duration.ofSeconds(2)))
                .filteredOn(record -> record.key().equals(catalog.toString()))
                .hasSize(1);
    }

    @Test
    void answersNotFoundAsProblemForACatalogItDoesNotKnow() throws Exception {
        var response = get("/api/catalogs/" + CatalogId.random());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private String job(int line) {
        return catalog.job(sku(line)).toString();
    }

    private static String sku(int line) {
        return line == 1 ? "SKU 1, blue" : "SKU-" + line;
    }

    private String accepted(int line) {
        return """
                {"type":"accepted","jobId":"%s","at":"%s","description":"mug","category":"kitchenware",
                 "style":"studio","settings":{"numImages":1,"resolution":"512x512","guidanceScale":7.5,"seed":null},
                 "provider":null,"lane":"bulk","callbackUrl":null,
                 "catalog":{"catalogId":"%s","sku":"%s","line":%d}}""".formatted(job(line), start, catalog, sku(line),
                line);
    }

    private String progressed(int line) {
        return """
                {"type":"progress","jobId":"%s","at":"%s","percent":50,"message":"half"}""".formatted(job(line),
                start.plusSeconds(1));
    }

    private String succeeded(int line) {
        return """
                {"type":"succeeded","jobId":"%s","at":"%s","provider":"local","model":"preview","seed":7,
                 "images":[{"url":"http://localhost/api/images/%d.png","width":512,"height":512,
                 "contentType":"image/png","expiresAt":"%s"}],"warnings":[],"runs":[]}""".formatted(job(line),
                start.plusSeconds(2), line, start.plusSeconds(3600));
    }

    private String failed(int line) {
        return """
                {"type":"failed","jobId":"%s","at":"%s","reason":"provider_error","message":"The provider failed"}"""
                .formatted(job(line), start.plusSeconds(2));
    }

    private String receipt() {
        return """
                {"catalogId":"%s","at":"%s","items":%d,"created":%d,"rejectedCount":2,
                 "rejected":[{"line":301,"sku":"SKU-301","reason":"style is not allowed"},
                             {"line":302,"sku":null,"reason":"sku must not be blank"}],
                 "idempotencyKey":null}""".formatted(catalog, start.plusSeconds(1), ITEMS, ITEMS);
    }

    /** Sends without waiting; the test flushes before it depends on what it sent. */
    private static void send(String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    private JsonNode catalogJson() throws Exception {
        return json.readTree(get("/api/catalogs/" + catalog).body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(TIMEOUT);
    }

    /** The next SSE event of the stream, skipping comments; {@code null} once the stream has ended. */
    private static Event next(Iterator<String> lines) {
        String name = null;
        var data = new StringBuilder();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty() && name != null) {
                return new Event(name, data.toString());
            }
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5));
            }
        }
        return null;
    }

    private record Event(String name, String data) {
    }
}
