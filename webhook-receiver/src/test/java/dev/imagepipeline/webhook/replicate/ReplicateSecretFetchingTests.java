package dev.imagepipeline.webhook.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/**
 * Without a configured secret but with an API token, the secret is fetched from a Replicate stand-in on a WireMock
 * server when a callback needs it. Each test gets a fresh service, so nothing is fetched before it starts.
 */
@WebMvcTest(controllers = ReplicateWebhookController.class, properties = {
        // Blank settings and variables stand in for unset ones, whatever the machine running the test has set.
        "pipeline.webhook-receiver.replicate-secret=", "REPLICATE_WEBHOOK_SECRET=", "WEBHOOK_SECRET=",
        "pipeline.webhook-receiver.replicate-api-token=" + ReplicateSecretFetchingTests.TOKEN})
@Import({WebhookReceiverReplicateConfiguration.class, VectorTimeClock.class, RecordingCallbackPublisher.class})
@DirtiesContext(classMode = ClassMode.AFTER_EACH_TEST_METHOD)
@ExtendWith(OutputCaptureExtension.class)
class ReplicateSecretFetchingTests {

    static final String TOKEN = "r8_Test0nlyT0kenThatMustNeverBeShown";
    /** The fetched secret without its prefix: the part that must never be shown. */
    private static final String SECRET_KEY = ReplicateFixtures.SECRET.substring("whsec_".length());
    private static final String JOB = "0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

    @RegisterExtension
    static final WireMockExtension replicate = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RecordingCallbackPublisher broker;

    @Autowired
    SettableClock clock;

    @DynamicPropertySource
    static void pointAtTheStub(DynamicPropertyRegistry registry) {
        registry.add("pipeline.webhook-receiver.replicate-api-base-url", replicate::baseUrl);
    }

    @BeforeEach
    void emptyTheBroker() {
        broker.reset();
    }

    @Test
    void fetchesTheSecretWithTheTokenOnceAndVerifiesCallbacksWithIt(CapturedOutput output) {
        secretAnswers(okJson(ReplicateFixtures.text("webhook-secret-response.json")));

        for (int i = 0; i < 3; i++) {
            assertThat(postSigned()).hasStatus(HttpStatus.NO_CONTENT);
        }

        assertThat(broker.published()).hasSize(3);
        replicate.verify(1, getRequestedFor(urlPathEqualTo(WebhookSecretClient.PATH)));
        replicate.verify(getRequestedFor(urlPathEqualTo(WebhookSecretClient.PATH)).withHeader("Authorization",
                equalTo("Bearer " + TOKEN)));
        assertThat(output.getAll()).doesNotContain(TOKEN).doesNotContain(SECRET_KEY);
    }

    @Test
    void rejectsACallbackThatTheFetchedSecretDidNotSign() {
        secretAnswers(okJson("""
                {"key": "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="}
                """));

        assertThat(postSigned()).hasStatus(HttpStatus.UNAUTHORIZED)
                .bodyJson()
                .extractingPath("$.reason")
                .isEqualTo("bad_signature");
        assertThat(broker.published()).isEmpty();
    }

    @Test
    void fetchesNothingForACallbackThatCannotBeGenuine() {
        secretAnswers(okJson(ReplicateFixtures.text("webhook-secret-response.json")));

        var unsigned = mvc.post().uri("/api/webhook/replicate?job={job}", JOB).content(utf8("{}")).exchange();

        assertThat(unsigned).hasStatus(HttpStatus.UNAUTHORIZED)
                .bodyJson()
                .extractingPath("$.reason")
                .isEqualTo("missing_headers");
        replicate.verify(0, getRequestedFor(urlPathEqualTo(WebhookSecretClient.PATH)));
    }

    @Test
    void fetchesOnceWhenCallbacksArriveTogether() throws Exception {
        secretAnswers(okJson(ReplicateFixtures.text("webhook-secret-response.json")).withFixedDelay(300));
        var answers = new ArrayList<Future<MvcTestResult>>();

        try (var callers = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 6; i++) {
                answers.add(callers.submit((Callable<MvcTestResult>) this::postSigned));
            }
            for (var answer : answers) {
                assertThat(answer.get()).hasStatus(HttpStatus.NO_CONTENT);
            }
        }

        replicate.verify(1, getRequestedFor(urlPathEqualTo(WebhookSecretClient.PATH)));
        assertThat(broker.published()).hasSize(6);
    }

    static Stream<Arguments> failedFetches() {
        return Stream.of(
                Arguments.of("a rejected token",
                        aResponse().withStatus(401)
                                .withHeader("Content-Type", "application/json")
                                .withBody(ReplicateFixtures.text("error-401.json")),
                        "HTTP 401"),
                Arguments.of("a server error", aResponse().withStatus(500).withBody("oops"), "HTTP 500"),
                Arguments.of("a body that is not JSON", okJson("<html>key</html>"), "the answer is not JSON"),
                Arguments.of("a body without a key", okJson("{\"secret\": \"whsec_c2VjcmV0\"}"),
                        "the answer has no key"),
                Arguments.of("a key that is not base64", okJson("{\"key\": \"whsec_not*base64!\"}"),
                        "the key is not whsec_ followed by base64"),
                Arguments.of("a dropped connection", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        "Exception: "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failedFetches")
    void answers503WithRetryAfterWhenTheFetchFails(String scenario, ResponseDefinitionBuilder answer, String logged,
            CapturedOutput output) {
        secretAnswers(answer);

        var result = postSigned();

        assertRetryLater(result, 30);
        assertThat(broker.published()).isEmpty();
        assertThat(output.getAll()).contains("WARN")
                .contains("Could not fetch Replicate's webhook signing secret (")
                .contains(logged)
                .doesNotContain(TOKEN)
                .doesNotContain("not*base64!")
                .doesNotContain("c2VjcmV0");
    }

    @Test
    void waitsThirtySecondsBeforeFetchingAgain(CapturedOutput output) {
        secretAnswers(aResponse().withStatus(500));

        assertRetryLater(postSigned(), 30);
        long warningsAfterTheFailure = warnings(output);
        clock.advance(Duration.ofSeconds(10));
        assertRetryLater(postSigned(), 20);

        secretAnswers(okJson(ReplicateFixtures.text("webhook-secret-response.json")));
        clock.advance(Duration.ofSeconds(19));
        assertRetryLater(postSigned(), 1);
        replicate.verify(1, getRequestedFor(urlPathEqualTo(WebhookSecretClient.PATH)));

        clock.advance(Duration.ofSeconds(1));
        assertThat(postSigned()).hasStatus(HttpStatus.NO_CONTENT);
        replicate.verify(2, getRequestedFor(urlPathEqualTo(WebhookSecretClient.PATH)));
        assertThat(broker.published()).hasSize(1);
        assertThat(warningsAfterTheFailure).isPositive();
        assertThat(warnings(output)).as("one warning per failed fetch, none per callback")
                .isEqualTo(warningsAfterTheFailure);
    }

    private static long warnings(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains("Could not fetch Replicate's webhook")).count();
    }

    @Nested
    @NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
    @WebMvcTest(controllers = ReplicateWebhookController.class, properties = {
            "pipeline.webhook-receiver.replicate-secret=", "REPLICATE_WEBHOOK_SECRET=", "WEBHOOK_SECRET=",
            "pipeline.webhook-receiver.replicate-api-token=" + ReplicateSecretFetchingTests.TOKEN})
    @Import({WebhookReceiverReplicateConfiguration.class, VectorTimeClock.class, RecordingCallbackPublisher.class})
    class WhenReplicateCannotBeReached {

        @Autowired
        MockMvcTester mvc;

        @Autowired
        RecordingCallbackPublisher broker;

        @DynamicPropertySource
        static void pointAtAClosedPort(DynamicPropertyRegistry registry) throws IOException {
            int closed;
            try (var socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            registry.add("pipeline.webhook-receiver.replicate-api-base-url", () -> "http://127.0.0.1:" + closed);
        }

        @Test
        void answers503WithRetryAfter(CapturedOutput output) {
            broker.reset();

            assertRetryLater(post(mvc), 30);

            assertThat(broker.published()).isEmpty();
            assertThat(output.getAll()).contains("Could not fetch Replicate's webhook signing secret (ConnectException")
                    .doesNotContain(TOKEN);
        }
    }

    private void secretAnswers(ResponseDefinitionBuilder answer) {
        replicate.stubFor(get(urlPathEqualTo(WebhookSecretClient.PATH)).willReturn(answer));
    }

    private MvcTestResult postSigned() {
        return post(mvc, clock.instant().getEpochSecond());
    }

    private static MvcTestResult post(MockMvcTester mvc) {
        return post(mvc, ReplicateFixtures.VALID_AT.getEpochSecond());
    }

    /** Posts a prediction signed with the fixture's secret, the one the stub hands out, at the given time. */
    private static MvcTestResult post(MockMvcTester mvc, long epochSecond) {
        String id = "msg_" + UUID.randomUUID();
        String timestamp = Long.toString(epochSecond);
        byte[] body = ReplicateFixtures.bytes("prediction-succeeded.json");
        return mvc.post()
                .uri("/api/webhook/replicate?job={job}", JOB)
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", ReplicateFixtures.sign(id, timestamp, body))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    private static void assertRetryLater(MvcTestResult result, int seconds) {
        assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .hasHeader("Retry-After", Integer.toString(seconds));
        assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Signing secret not available yet");
        assertThat(result).bodyText().doesNotContain(TOKEN).doesNotContain(SECRET_KEY);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
