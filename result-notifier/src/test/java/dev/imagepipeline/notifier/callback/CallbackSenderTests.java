package dev.imagepipeline.notifier.callback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.imagepipeline.notifier.callback.Outcome.Delivered;
import dev.imagepipeline.notifier.callback.Outcome.Final;
import dev.imagepipeline.notifier.callback.Outcome.Retryable;
import dev.imagepipeline.web.callback.CallbackUrlPolicy;

class CallbackSenderTests {

    private static final WireMockServer receiver = started();
    private static final byte[] BODY = "{\"type\":\"succeeded\",\"jobId\":\"j\"}".getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS = Map.of("webhook-id", "msg_1");

    private CallbackSender sender;

    @BeforeEach
    void start() {
        receiver.resetAll();
        sender = new CallbackSender(new CallbackUrlPolicy(List.of("127.0.0.0/8")), Duration.ofSeconds(2),
                Duration.ofMillis(500), 4);
    }

    @AfterEach
    void close() throws IOException {
        sender.close();
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    void postsTheBodyAsJsonWithTheHeadersAndReportsTheStatus() {
        receiver.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));

        assertThat(sender.post(url("/hook?token=abc"), HEADERS, BODY)).isEqualTo(new Delivered(204));

        receiver.verify(1,
                postRequestedFor(urlEqualTo("/hook?token=abc")).withHeader("Content-Type", equalTo("application/json"))
                        .withHeader("webhook-id", equalTo("msg_1"))
                        .withHeader("User-Agent", equalTo(CallbackSender.USER_AGENT))
                        .withRequestBody(equalToJson("{\"type\":\"succeeded\",\"jobId\":\"j\"}")));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503})
    void reportsAStatusThatMayPassAsRetryable(int status) {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(status).withHeader("Retry-After", "30")));

        assertThat(sender.post(url("/hook"), HEADERS, BODY)).isEqualTo(new Retryable("HTTP " + status, "30"));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 413, 422})
    void reportsAnyOtherClientErrorAsFinal(int status) {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(status)));

        assertThat(sender.post(url("/hook"), HEADERS, BODY)).isEqualTo(new Final("HTTP " + status));
    }

    @Test
    void followsNoRedirect() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));

        assertThat(sender.post(url("/hook"), HEADERS, BODY)).isInstanceOf(Final.class);
        receiver.verify(0, postRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void reportsARefusedConnectionAsRetryable() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThat(sender.post(URI.create("http://127.0.0.1:" + closedPort + "/hook"), HEADERS, BODY))
                .isInstanceOf(Retryable.class);
    }

    @Test
    void reportsAReceiverTooSlowToAnswerAsRetryable() {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));

        assertThat(sender.post(url("/hook"), HEADERS, BODY)).isInstanceOfSatisfying(Retryable.class,
                retryable -> assertThat(retryable.reason()).containsIgnoringCase("timeout"));
    }

    @Test
    void doesNotWaitForABodyTheReceiverDribbles() {
        receiver.stubFor(post("/hook").willReturn(
                aResponse().withStatus(200).withBody("x".repeat(1000)).withChunkedDribbleDelay(1000, 60_000)));

        var outcome = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> sender.post(url("/hook"), HEADERS, BODY));

        assertThat(outcome).isEqualTo(new Delivered(200));
    }

    @Test
    void refusesAHostThatResolvesToAnAddressThePolicyRefuses() throws IOException {
        receiver.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        try (var strict = new CallbackSender(new CallbackUrlPolicy(List.of()), Duration.ofSeconds(2),
                Duration.ofMillis(500), 1)) {

            var outcome = strict.post(URI.create("http://localhost:" + receiver.port() + "/hook"), HEADERS, BODY);

            assertThat(outcome).isInstanceOfSatisfying(Final.class,
                    refused -> assertThat(refused.reason()).contains("a loopback address"));
        }
        receiver.verify(0, anyRequestedFor(anyUrl()));
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + receiver.port() + path);
    }

    private static WireMockServer started() {
        var server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }
}
