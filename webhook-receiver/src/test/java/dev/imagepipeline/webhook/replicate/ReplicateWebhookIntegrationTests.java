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
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import tools.jackson.databind.json.JsonMapper;

/** The whole service against a real broker: a signed callback over HTTP ends up, verbatim, on the callbacks topic. */
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
    void relaysASignedCallbackToTheProviderCallbacksTopic() throws Exception {
        var job = JobId.random();

        var response = post(job, "msg_succeeded_" + job, ReplicateFixtures.bytes("prediction-succeeded.json"));

        assertThat(response.statusCode()).isEqualTo(204);
        var records = callbacksOf(job, "msg_succeeded_" + job);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(job.toString());
            assertThat(json.readValue(record.value(), ProviderCallback.class))
                    .isEqualTo(new ProviderCallback(job, ReplicateFixtures.VALID_AT, "replicate",
                            "msg_succeeded_" + job, ReplicateFixtures.text("prediction-succeeded.json")));
        });
    }

    @Test
    void relaysTheSignatureVectorExactlyAsSigned() throws Exception {
        var job = JobId.random();
        var vector = ReplicateFixtures.VECTOR;
        var id = vector.at("/headers/webhook-id").stringValue();
        var request = request(job, vector.get("body").stringValue().getBytes(StandardCharsets.UTF_8))
                .header("webhook-id", id)
                .header("webhook-timestamp", vector.at("/headers/webhook-timestamp").stringValue())
                .header("webhook-signature", vector.at("/headers/webhook-signature").stringValue())
                .build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertThat(callbacksOf(job, id)).singleElement()
                .extracting(record -> json.readTree(record.value()).get("body").stringValue())
                .isEqualTo(vector.get("body").stringValue());
    }

    @Test
    void relaysARetriedDeliveryOnce() throws Exception {
        var job = JobId.random();
        var starting = ReplicateFixtures.bytes("prediction-starting.json");

        assertThat(post(job, "msg_retried_" + job, starting).statusCode()).isEqualTo(204);
        assertThat(post(job, "msg_retried_" + job, starting).statusCode()).isEqualTo(204);
        assertThat(post(job, "msg_next_" + job, ReplicateFixtures.bytes("prediction-succeeded.json")).statusCode())
                .isEqualTo(204);

        assertThat(callbacksOf(job, "msg_next_" + job)).extracting(ReplicateWebhookIntegrationTests::deliveryId)
                .containsExactly("msg_retried_" + job, "msg_next_" + job);
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

        var response = post(job, "msg_oversized_" + job, oversized);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertNothingPublishedBefore(job);
    }

    /**
     * Posts a valid callback for the job and reads until it arrives: records of one job share a partition, so
     * anything the rejected callback had published would be read before it. No waiting on silence needed.
     */
    private void assertNothingPublishedBefore(JobId job) throws Exception {
        String marker = "msg_marker_" + job;
        assertThat(post(job, marker, ReplicateFixtures.bytes("prediction-starting.json")).statusCode()).isEqualTo(204);
        assertThat(callbacksOf(job, marker)).extracting(ReplicateWebhookIntegrationTests::deliveryId)
                .containsExactly(marker);
    }

    /** Every record of the job on the callbacks topic, read until the delivery with the given id shows up. */
    private List<ConsumerRecord<String, String>> callbacksOf(JobId job, String deliveryId) {
        var records = new TopicProbe(broker.bootstrapServers()).readUntil(Topics.PROVIDER_CALLBACKS,
                record -> job.toString().equals(record.key()) && deliveryId.equals(deliveryId(record)), WAIT);
        return records.stream().filter(record -> job.toString().equals(record.key())).toList();
    }

    private static String deliveryId(ConsumerRecord<String, String> record) {
        return json.readTree(record.value()).path("deliveryId").asString("");
    }

    /** Posts a body signed with the vector's secret at the vector's timestamp, which the fixed clock finds fresh. */
    private HttpResponse<String> post(JobId job, String id, byte[] body) throws IOException, InterruptedException {
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
