package dev.imagepipeline.allinone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.TopicProbe;

/**
 * A client's callback in the runner: a job submitted with a callbackUrl has its terminal event POSTed there, signed
 * with the secret from the environment. The receiver listens on this machine, so loopback is allowed here, explicitly,
 * and nothing else is.
 */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.runner.broker-port=0", "CALLBACK_SIGNING_SECRET=" + ClientCallbackEndToEndIntegrationTests.SECRET,
        "pipeline.ingest-api.callback-allowed-networks=127.0.0.0/8",
        "pipeline.result-notifier.callbacks.allowed-networks=127.0.0.0/8"})
class ClientCallbackEndToEndIntegrationTests {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final WireMockServer receiver = started();

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private RunnerClient runner;

    @BeforeEach
    void connect() {
        runner = new RunnerClient(port);
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    void postsTheTerminalEventToTheCallbackUrlSigned() throws Exception {
        var accepted = runner.post("/api/generate", """
                {"description":"ceramic pour-over coffee dripper","category":"kitchenware","style":"studio",
                 "settings":{"resolution":"512x512"},
                 "callbackUrl":"http://127.0.0.1:%d/hooks/images?token=shop-token"}
                """.formatted(receiver.port()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String job = runner.json(accepted.body()).get("id").asString();

        LoggedRequest callback = await().atMost(Duration.ofSeconds(60))
                .until(() -> callbacks(), found -> !found.isEmpty())
                .getFirst();

        var event = runner.json(callback.getBodyAsString());
        assertThat(event.get("type").asString()).isEqualTo("succeeded");
        assertThat(event.get("jobId").asString()).isEqualTo(job);
        assertThat(callback.getUrl()).isEqualTo("/hooks/images?token=shop-token");
        assertThat(callback.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(callback.getHeader("webhook-id")).startsWith("msg_" + job + "_");
        assertThat(callback.getHeader("webhook-signature")).isEqualTo(signature(callback));
        String published = new TopicProbe(bootstrapServers)
                .readUntil(Topics.JOB_EVENTS, r -> r.key().equals(job) && r.value().contains("\"type\":\"succeeded\""),
                        Duration.ofSeconds(30))
                .getLast()
                .value();
        assertThat(callback.getBodyAsString()).as("the event as it is on the completion topic").isEqualTo(published);
        assertThat(callbacks()).as("only the terminal event goes out").hasSize(1);
    }

    @Test
    void refusesACallbackUrlNamingTheMetadataServiceEvenWithLoopbackAllowed() throws Exception {
        var refused = runner.post("/api/generate", """
                {"description":"mug","category":"kitchenware","style":"studio",
                 "callbackUrl":"http://169.254.169.254/latest/meta-data/"}
                """);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(runner.json(refused.body()).at("/errors/0/field").asString()).isEqualTo("callbackUrl");
    }

    private static List<LoggedRequest> callbacks() {
        return receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/images")));
    }

    /** What a receiver computes: HMAC-SHA256 over {@code id.timestamp.body} with the secret's key. */
    private static String signature(LoggedRequest callback) throws GeneralSecurityException {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        String signed = callback.getHeader("webhook-id") + "." + callback.getHeader("webhook-timestamp") + ".";
        mac.update(signed.getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(callback.getBody()));
    }

    private static WireMockServer started() {
        var server = RunnerClient.startedServer();
        server.stubFor(post(urlPathEqualTo("/hooks/images")).willReturn(aResponse().withStatus(204)));
        return server;
    }
}
