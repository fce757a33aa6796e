package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.web.signing.SigningSecret;

/**
 * A relay reports a Stability result for a job the pipeline did not run itself: webhook-receiver verifies it,
 * generation-worker stores its image and ends the job, and a late or repeated result changes nothing.
 */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.runner.broker-port=0",
        "pipeline.webhook-receiver.relay-secret=" + RelayedResultEndToEndIntegrationTests.SECRET})
class RelayedResultEndToEndIntegrationTests {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void endsTheJobWithTheRelayedImageOnceWhateverComesAfter() throws Exception {
        var runner = new RunnerClient(port);
        var probe = new TopicProbe(bootstrapServers);
        String job = UUID.randomUUID().toString();
        // A job the relay runs: announced, but never queued for the pipeline's own workers.
        probe.send(Topics.JOB_EVENTS, job, """
                {"type":"accepted","jobId":"%s","at":"%s","description":"brass desk lamp",
                 "category":"home_decor","style":"studio",
                 "settings":{"numImages":1,"resolution":"512x512","guidanceScale":null,"seed":null},
                 "provider":"stability","lane":"interactive","callbackUrl":null,"catalog":null}""".formatted(job,
                Instant.now()));

        assertThat(relay(runner, "relay-1", succeeded(job, 96)).statusCode()).isEqualTo(204);
        var done = runner.finished(job, Duration.ofSeconds(60));

        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("provider").asString()).isEqualTo("stability");
        assertThat(done.get("model").asString()).isEqualTo("stable-image-core");
        assertThat(done.get("seed").asLong()).isEqualTo(42);
        String image = done.get("images").get(0).get("url").asString();
        assertThat(runner.decodedWidth(image)).isEqualTo(96);

        assertThat(relay(runner, "relay-2", """
                {"job":"%s","status":"processing","progress":{"step":3,"of":20}}""".formatted(job)).statusCode())
                .isEqualTo(204);
        assertThat(relay(runner, "relay-3", succeeded(job, 64)).statusCode()).isEqualTo(204);
        assertThat(relay(runner, "relay-1", succeeded(job, 96)).statusCode()).isEqualTo(204);

        var events = probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(5))
                .stream()
                .filter(record -> record.key().equals(job))
                .map(record -> runner.json(record.value()).get("type").asString())
                .toList();
        assertThat(events).containsExactly("accepted", "succeeded");
        assertThat(runner.status(job).get("images").get(0).get("url").asString()).isEqualTo(image);
    }

    private static String succeeded(String job, int side) {
        return """
                {"job":"%s","status":"succeeded","model":"stable-image-core","seed":42,
                 "images":[{"base64":"%s","contentType":"image/png"}]}""".formatted(job,
                Base64.getEncoder().encodeToString(RunnerClient.png(side)));
    }

    private static HttpResponse<String> relay(RunnerClient runner, String id, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return runner.send(HttpRequest.newBuilder(runner.uri("/api/webhook/stability"))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", SigningSecret.parse(SECRET).header(id, timestamp, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }
}
