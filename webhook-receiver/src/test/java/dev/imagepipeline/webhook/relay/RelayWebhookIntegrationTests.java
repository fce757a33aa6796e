package dev.imagepipeline.webhook.relay;

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
import dev.imagepipeline.webhook.replicate.ReplicateFixtures;
import dev.imagepipeline.webhook.replicate.VectorTimeClock;
import tools.jackson.databind.json.JsonMapper;

/** The whole service against a real broker: a relayed result over HTTP ends up, verbatim, on the callbacks topic. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(VectorTimeClock.class)
class RelayWebhookIntegrationTests {

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
        registry.add("pipeline.webhook-receiver.relay-secret", () -> ReplicateFixtures.SECRET);
    }

    @Test
    void relaysASignedResultOnceToTheProviderCallbacksTopic() throws Exception {
        var job = JobId.random();
        String body = """
                {"job": "%s", "status": "failed", "error": {"reason": "content_filtered", "message": "flagged"}}
                """.formatted(job);

        assertThat(post("stability", "msg_failed_" + job, body).statusCode()).isEqualTo(204);
        assertThat(post("stability", "msg_failed_" + job, body).statusCode()).isEqualTo(204);
        assertThat(post("stability", "msg_marker_" + job, processing(job)).statusCode()).isEqualTo(204);

        var records = callbacksOf(job, "msg_marker_" + job);
        assertThat(records).extracting(record -> json.readValue(record.value(), ProviderCallback.class))
                .containsExactly(
                        new ProviderCallback(job, ReplicateFixtures.VALID_AT, "stability", "msg_failed_" + job, body),
                        new ProviderCallback(job, ReplicateFixtures.VALID_AT, "stability", "msg_marker_" + job,
                                processing(job)));
        assertThat(records).allSatisfy(record -> assertThat(record.key()).isEqualTo(job.toString()));
    }

    @Test
    void publishesNothingForAMalformedResult() throws Exception {
        var job = JobId.random();

        var response = post("huggingface", "msg_malformed_" + job, """
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "http://10.0.0.7/0.png"}]}
                """.formatted(job));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        // Records of one job share a partition: anything the malformed result had published would come first.
        assertThat(post("huggingface", "msg_marker_" + job, processing(job)).statusCode()).isEqualTo(204);
        assertThat(callbacksOf(job, "msg_marker_" + job)).extracting(RelayWebhookIntegrationTests::deliveryId)
                .containsExactly("msg_marker_" + job);
    }

    private static String processing(JobId job) {
        return "{\"job\": \"" + job + "\", \"status\": \"processing\"}";
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
    private HttpResponse<String> post(String vendor, String id, String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/webhook/" + vendor))
                .timeout(WAIT)
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", ReplicateFixtures.TIMESTAMP)
                .header("webhook-signature", ReplicateFixtures.sign(id, ReplicateFixtures.TIMESTAMP, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
