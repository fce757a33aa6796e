package dev.imagepipeline.webhook.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ProviderCallback;

/** The HTTP contract of the endpoint, with the broker replaced: what is answered, and what is relayed. */
@WebMvcTest(controllers = ReplicateWebhookController.class, properties = {
        "pipeline.webhook-receiver.replicate-secret=whsec_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8=",
        "pipeline.webhook-receiver.max-body-size=4KB"})
@Import({WebhookReceiverReplicateConfiguration.class, VectorTimeClock.class, RecordingCallbackPublisher.class})
class ReplicateWebhookControllerTests {

    private static final String JOB = "0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RecordingCallbackPublisher broker;

    @BeforeEach
    void emptyTheBroker() {
        broker.reset();
    }

    @Test
    void relaysASignedCallbackWithItsBodyVerbatim() {
        var body = ReplicateFixtures.bytes("prediction-succeeded.json");

        assertThat(post("msg_relayed", JOB, body)).hasStatus(HttpStatus.NO_CONTENT);

        assertThat(broker.published())
                .containsExactly(new ProviderCallback(JobId.parse(JOB), ReplicateFixtures.VALID_AT, "replicate",
                        "msg_relayed", ReplicateFixtures.text("prediction-succeeded.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prediction-starting.json", "prediction-processing.json", "prediction-succeeded.json",
            "prediction-succeeded-flux-1.1-pro.json", "prediction-succeeded-partial-nsfw.json",
            "prediction-failed.json", "prediction-canceled.json", "prediction-aborted.json"})
    void relaysEveryPredictionWhateverItsStatus(String fixture) {
        assertThat(post(JOB, ReplicateFixtures.bytes(fixture))).hasStatus(HttpStatus.NO_CONTENT);

        assertThat(broker.published()).singleElement()
                .extracting(ProviderCallback::body)
                .isEqualTo(ReplicateFixtures.text(fixture));
    }

    @Test
    void relaysAnObjectItDoesNotKnowAsItCame() {
        var body = utf8("{\"status\": \"rebooting\", \"output\": null}\n");

        assertThat(post(JOB, body)).hasStatus(HttpStatus.NO_CONTENT);

        assertThat(broker.published()).singleElement()
                .extracting(ProviderCallback::body)
                .isEqualTo("{\"status\": \"rebooting\", \"output\": null}\n");
    }

    @Test
    void rejectsABadSignatureWithProblemJson() {
        var body = ReplicateFixtures.bytes("prediction-succeeded.json");
        var result = mvc.post()
                .uri("/api/webhook/replicate?job={job}", JOB)
                .header("webhook-id", "msg_1")
                .header("webhook-timestamp", ReplicateFixtures.TIMESTAMP)
                .header("webhook-signature", ReplicateFixtures.sign("msg_other", ReplicateFixtures.TIMESTAMP, body))
                .content(body)
                .exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.reason").isEqualTo("bad_signature");
        assertThat(broker.published()).isEmpty();
    }

    @Test
    void rejectsACallbackWithoutSignatureHeaders() {
        var result = mvc.post().uri("/api/webhook/replicate?job={job}", JOB).content(utf8("{}")).exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(result).bodyJson().extractingPath("$.reason").isEqualTo("missing_headers");
        assertThat(broker.published()).isEmpty();
    }

    @Test
    void rejectsACallbackSignedLongAgo() {
        var body = utf8("{}");
        var signedAt = Long.toString(ReplicateFixtures.VALID_AT.minusSeconds(6 * 60).getEpochSecond());

        assertThat(post("msg_old", signedAt, JOB, body)).hasStatus(HttpStatus.UNAUTHORIZED)
                .bodyJson()
                .extractingPath("$.reason")
                .isEqualTo("stale_timestamp");
        assertThat(broker.published()).isEmpty();
    }

    @Test
    void rejectsAMissingOrInvalidJobAfterTheSignature() {
        var body = ReplicateFixtures.bytes("prediction-succeeded.json");

        assertThat(post(null, body)).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(post("job-42", body)).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.title")
                .isEqualTo("Missing or invalid job");
        assertThat(mvc.post().uri("/api/webhook/replicate?job=job-42").content(body).exchange())
                .hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(broker.published()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"status\": ", "[1, 2]", "\"succeeded\"", "42", "null", "{} {}",
            "{\"a\": 1} trailing"})
    void rejectsASignedBodyThatIsNotAJsonObject(String body) {
        assertThat(post(JOB, utf8(body))).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .extractingPath("$.title")
                .isEqualTo("Callback body is not a JSON object");
        assertThat(broker.published()).isEmpty();
    }

    @Test
    void checksTheJobBeforeTheBody() {
        assertThat(post("job-42", utf8("not json"))).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson()
                .extractingPath("$.title")
                .isEqualTo("Missing or invalid job");
    }

    @Test
    void refusesABodyOverTheLimit() {
        assertThat(post(JOB, new byte[4 * 1024 + 1])).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(post(JOB, new byte[4 * 1024])).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(broker.published()).isEmpty();
    }

    @Nested
    class RetriedDeliveries {

        @Test
        void relaysADeliveryOnceHoweverOftenItComes() {
            var body = ReplicateFixtures.bytes("prediction-succeeded.json");

            assertThat(post("msg_retried", JOB, body)).hasStatus(HttpStatus.NO_CONTENT);
            assertThat(post("msg_retried", JOB, body)).hasStatus(HttpStatus.NO_CONTENT);
            assertThat(post("msg_retried", JOB, body)).hasStatus(HttpStatus.NO_CONTENT);

            assertThat(broker.published()).extracting(ProviderCallback::deliveryId).containsExactly("msg_retried");
        }

        @Test
        void relaysEveryDistinctDeliveryOfAJob() {
            assertThat(post("msg_starting", JOB, ReplicateFixtures.bytes("prediction-starting.json")))
                    .hasStatus(HttpStatus.NO_CONTENT);
            assertThat(post("msg_succeeded", JOB, ReplicateFixtures.bytes("prediction-succeeded.json")))
                    .hasStatus(HttpStatus.NO_CONTENT);

            assertThat(broker.published()).extracting(ProviderCallback::deliveryId)
                    .containsExactly("msg_starting", "msg_succeeded");
        }

        @Test
        void answers503WhenTheBrokerDoesNotAcknowledgeAndRelaysTheRetry() {
            var body = ReplicateFixtures.bytes("prediction-succeeded.json");
            broker.failNext();

            assertThat(post("msg_unacknowledged", JOB, body)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson()
                    .extractingPath("$.title")
                    .isEqualTo("Callback not recorded");
            assertThat(broker.published()).isEmpty();

            assertThat(post("msg_unacknowledged", JOB, body)).hasStatus(HttpStatus.NO_CONTENT);
            assertThat(post("msg_unacknowledged", JOB, body)).hasStatus(HttpStatus.NO_CONTENT);
            assertThat(broker.published()).extracting(ProviderCallback::deliveryId)
                    .containsExactly("msg_unacknowledged");
        }

        @Test
        void doesNotCountARejectedDeliveryAsRelayed() {
            var body = ReplicateFixtures.bytes("prediction-succeeded.json");

            assertThat(post("msg_first_without_job", null, body)).hasStatus(HttpStatus.BAD_REQUEST);
            assertThat(post("msg_first_without_job", JOB, body)).hasStatus(HttpStatus.NO_CONTENT);

            assertThat(broker.published()).hasSize(1);
        }
    }

    @Nested
    // Blank settings and variables stand in for unset ones, whatever the machine running the test has set.
    @TestPropertySource(properties = {"pipeline.webhook-receiver.replicate-secret=", "REPLICATE_WEBHOOK_SECRET=",
            "WEBHOOK_SECRET=", "pipeline.webhook-receiver.replicate-api-token=", "REPLICATE_API_TOKEN="})
    class WithoutASecretOrAToken {

        @Test
        void rejectsEvenACorrectlySignedCallback() {
            assertThat(post(JOB, ReplicateFixtures.bytes("prediction-succeeded.json")))
                    .hasStatus(HttpStatus.UNAUTHORIZED)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson()
                    .extractingPath("$.reason")
                    .isEqualTo("no_secret");
            assertThat(broker.published()).isEmpty();
        }
    }

    /** Posts a body under a delivery id of its own, so no test sees another's delivery as a retry. */
    private MvcTestResult post(String job, byte[] body) {
        return post("msg_" + UUID.randomUUID(), job, body);
    }

    private MvcTestResult post(String id, String job, byte[] body) {
        return post(id, ReplicateFixtures.TIMESTAMP, job, body);
    }

    /** Posts a body signed with the vector's secret; the vector's timestamp is fresh by the fixed clock. */
    private MvcTestResult post(String id, String timestamp, String job, byte[] body) {
        var request = mvc.post();
        if (job != null) {
            request.uri("/api/webhook/replicate?job={job}", job);
        } else {
            request.uri("/api/webhook/replicate");
        }
        return request.header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", ReplicateFixtures.sign(id, timestamp, body))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
