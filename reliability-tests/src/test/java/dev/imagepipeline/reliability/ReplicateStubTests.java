package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The Replicate stub behaves as the suite counts on: it checks the token, calls back signed, and fails on cue. */
class ReplicateStubTests {

    private static final String TOKEN = "r8_stub_test_token";
    private static final String SECRET = "whsec_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8=";

    private final HttpClient http = HttpClient.newHttpClient();
    private final FaultLog faults = new FaultLog();
    private final ProviderScript script = new ProviderScript(faults);
    private final List<String> received = new CopyOnWriteArrayList<>();
    private ReplicateStub stub;
    private HttpServer receiver;

    @BeforeEach
    void start() throws IOException {
        stub = new ReplicateStub(TOKEN, SECRET, script);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var headers = exchange.getRequestHeaders();
                long timestamp = Long.parseLong(headers.getFirst("webhook-timestamp"));
                boolean signed = StandardWebhooks.signature(SECRET, headers.getFirst("webhook-id"), timestamp, body)
                        .equals(headers.getFirst("webhook-signature"));
                received.add(exchange.getRequestURI() + " signed=" + signed + " "
                        + new String(body, StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        receiver.start();
        stub.receiver(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        stub.close();
        receiver.stop(0);
    }

    private HttpResponse<String> create(String token, String job) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(stub.baseUrl().resolve("/v1/models/black-forest-labs/flux-schnell/predictions"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"input":{"prompt":"a mug","seed":7,"num_outputs":1},
                                 "webhook":"https://pipeline.example.test/api/webhook/replicate?job=%s",
                                 "webhook_events_filter":["start","completed"]}""".formatted(job)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void makesTheRunButAnswersOnlyAfterTheClientsTimeoutWhenToldToHold() throws Exception {
        script.holdAnswers(1);
        var impatient = HttpClient.newBuilder().build();
        var request = HttpRequest.newBuilder(stub.baseUrl().resolve("/v1/predictions"))
                .timeout(Duration.ofSeconds(1))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"a/b:c\",\"input\":{}}"))
                .build();

        assertThatExceptionOfType(HttpTimeoutException.class)
                .isThrownBy(() -> impatient.send(request, HttpResponse.BodyHandlers.ofString()));
        assertThat(stub.predictions()).singleElement()
                .satisfies(prediction -> assertThat(prediction.answerLost).isTrue());
        assertThat(faults.count(ProviderScript.HELD)).isEqualTo(1);
    }

    @Test
    void refusesACallWithoutTheToken() throws Exception {
        assertThat(create("r8_wrong", UUID.randomUUID().toString()).statusCode()).isEqualTo(401);
        assertThat(stub.predictions()).isEmpty();
    }

    @Test
    void callsTheReceiverBackSignedOnTheWebhooksPathWhenThePredictionSucceeds() throws Exception {
        String job = UUID.randomUUID().toString();

        var created = create(TOKEN, job);

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"status\":\"starting\"");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(received).anySatisfy(
                        webhook -> assertThat(webhook).startsWith("/api/webhook/replicate?job=" + job + " signed=true")
                                .contains("\"status\":\"succeeded\"", stub.baseUrl() + "/files/")));
        assertThat(stub.predictionsByJob()).containsEntry(job, 1L);
    }

    @Test
    void failsEveryFourthCallWhileErratic() throws Exception {
        script.erratic(true);
        var answers = new ArrayList<HttpResponse<String>>();
        for (int call = 0; call < 8; call++) {
            answers.add(create(TOKEN, UUID.randomUUID().toString()));
        }

        assertThat(answers).extracting(HttpResponse::statusCode)
                .containsExactly(201, 201, 201, 429, 201, 201, 201, 500);
        assertThat(answers.get(7).body()).as("a careless vendor's error text").contains(TOKEN);
        assertThat(faults.count(ProviderScript.RATE_LIMITED)).isEqualTo(1);
        assertThat(faults.count(ProviderScript.SERVER_ERROR)).isEqualTo(1);
        assertThat(stub.predictions()).hasSize(6);
    }

    /** The stub as the benchmarks use it: every run takes the time it is given, and is polled, not called back. */
    @Nested
    class Steady {

        private @Nullable ReplicateStub steady;

        @AfterEach
        void stopSteady() {
            if (steady != null) {
                steady.close();
            }
        }

        private HttpResponse<String> create(Duration runTime, @Nullable String prefer)
                throws IOException, InterruptedException {
            if (steady == null) {
                steady = new ReplicateStub(TOKEN, SECRET, ProviderScript.steady(runTime));
            }
            var request = HttpRequest
                    .newBuilder(steady.baseUrl().resolve("/v1/models/black-forest-labs/flux-schnell/predictions"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"input":{"prompt":"a mug","seed":7,"num_outputs":1}}"""));
            if (prefer != null) {
                request.header("Prefer", prefer);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void answersACreateWithTheOutputWhenItsRunsAreInstant() throws Exception {
            var created = create(Duration.ZERO, null);

            assertThat(created.statusCode()).isEqualTo(201);
            assertThat(created.body()).contains("\"status\":\"succeeded\"", steady.baseUrl() + "/files/");
        }

        @Test
        void holdsACreateThatPrefersToWaitUntilItsRunHasEnded() throws Exception {
            var hurried = create(Duration.ofSeconds(2), null);
            var waiting = create(Duration.ofSeconds(2), "wait=30");

            assertThat(hurried.body()).contains("\"status\":\"processing\"");
            assertThat(waiting.body()).contains("\"status\":\"succeeded\"", steady.baseUrl() + "/files/");
        }
    }
}
