package dev.imagepipeline.webhook.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole service against a real broker: a signed callback over HTTP ends up as a job event on the topic. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(VectorTimeClock.class)
class ReplicateWebhookIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper json = JsonMapper.builder().build();

    private static final KraftBroker broker = KraftBroker.shared();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void pointAtTheBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("pipeline.webhook-receiver.replicate-secret", () -> ReplicateFixtures.SECRET);
    }

    @Test
    void publishesGenerationSucceededForASignedCallback() throws Exception {
        var job = JobId.random();

        var response = post(job, ReplicateFixtures.bytes("prediction-succeeded.json"));

        assertThat(response.statusCode()).isEqualTo(204);
        var records = eventsOf(job, "succeeded");
        assertThat(records).hasSize(1);
        var event = json.readTree(records.getFirst().value());
        assertThat(event.get("jobId").stringValue()).isEqualTo(job.toString());
        assertThat(event.get("provider").stringValue()).isEqualTo("replicate");
        assertThat(event.get("model").stringValue()).isEqualTo("black-forest-labs/flux-schnell");
        assertThat(event.get("seed").asLong()).isEqualTo(424242);
        assertThat(event.at("/images/0/url").stringValue())
                .isEqualTo("https://replicate.delivery/xezq/example-out-0.webp");
        assertThat(event.at("/images/0/contentType").stringValue()).isEqualTo("image/webp");
        assertThat(event.at("/images/0/expiresAt").stringValue()).isEqualTo("2026-01-01T01:00:01.500Z");
    }

    @Test
    void acceptsTheSignatureVectorExactlyAsSigned() throws Exception {
        var job = JobId.random();
        var vector = ReplicateFixtures.VECTOR;
        var request = request(job, vector.get("body").stringValue().getBytes(StandardCharsets.UTF_8))
                .header("webhook-id", vector.at("/headers/webhook-id").stringValue())
                .header("webhook-timestamp", vector.at("/headers/webhook-timestamp").stringValue())
                .header("webhook-signature", vector.at("/headers/webhook-signature").stringValue())
                .build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertThat(eventsOf(job, "succeeded")).hasSize(1);
    }

    @Test
    void rejectsABadSignatureWithProblemJsonAndPublishesNothing() throws Exception {
        var job = JobId.random();
        var tampered = ReplicateFixtures.VECTOR.at("/negative_cases/tampered_body/body")
                .stringValue()
                .getBytes(StandardCharsets.UTF_8);
        var request = request(job, tampered).header("webhook-id", "msg_tampered")
                .header("webhook-timestamp", ReplicateFixtures.TIMESTAMP)
                .header("webhook-signature", ReplicateFixtures.VECTOR.get("expected_signature").stringValue())
                .build();

        var response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("reason").stringValue()).isEqualTo("bad_signature");
        assertNothingPublishedBefore(job);
    }

    @Test
    void refusesAnOversizedBodyWith413AndPublishesNothing() throws Exception {
        var job = JobId.random();
        byte[] oversized = new byte[1024 * 1024 + 1];

        var response = post(job, oversized);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertNothingPublishedBefore(job);
    }

    /**
     * Posts a valid progress callback for the job and reads until it arrives: events of one job share a partition,
     * so anything the rejected callback had published would be read before it. No waiting on silence needed.
     */
    private void assertNothingPublishedBefore(JobId job) throws Exception {
        assertThat(post(job, ReplicateFixtures.bytes("prediction-starting.json")).statusCode()).isEqualTo(204);
        assertThat(eventsOf(job, "progress")).extracting(record -> type(record.value())).containsExactly("progress");
    }

    /** Every record of the job on the completion topic, read until one of the given type shows up. */
    private List<ConsumerRecord<String, String>> eventsOf(JobId job, String type) {
        var records = new TopicProbe(broker.bootstrapServers()).readUntil(Topics.JOB_EVENTS,
                record -> job.toString().equals(record.key()) && type.equals(type(record.value())), WAIT);
        return records.stream().filter(record -> job.toString().equals(record.key())).toList();
    }

    private static String type(String value) {
        JsonNode event = json.readTree(value);
        return event.path("type").asString("");
    }

    /** Posts a body signed with the vector's secret at the vector's timestamp, which the fixed clock finds fresh. */
    private HttpResponse<String> post(JobId job, byte[] body) throws IOException, InterruptedException {
        String id = "msg_" + job;
        var request = request(job, body).header("webhook-id", id)
                .header("webhook-timestamp", ReplicateFixtures.TIMESTAMP)
                .header("webhook-signature", ReplicateFixtures.sign(id, ReplicateFixtures.TIMESTAMP, body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(JobId job, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/webhook/replicate?job=" + job))
                .timeout(WAIT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
