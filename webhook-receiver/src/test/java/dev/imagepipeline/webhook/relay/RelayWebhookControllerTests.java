package dev.imagepipeline.webhook.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.webhook.replicate.RecordingCallbackPublisher;
import dev.imagepipeline.webhook.replicate.ReplicateFixtures;
import dev.imagepipeline.webhook.replicate.VectorTimeClock;

/**
 * The relayed Hugging Face and Stability callbacks over HTTP, with the broker replaced: what is answered, and what is
 * relayed. Signed with the Standard Webhooks vector's secret, at a moment its timestamp is fresh.
 */
@WebMvcTest(controllers = RelayWebhookController.class, properties = {
        "pipeline.webhook-receiver.relay-secret=" + RelayWebhookControllerTests.SECRET,
        "pipeline.webhook-receiver.relay-max-body-size=8KB"})
@Import({WebhookReceiverRelayConfiguration.class, VectorTimeClock.class, RecordingCallbackPublisher.class})
@ExtendWith(OutputCaptureExtension.class)
class RelayWebhookControllerTests {

    static final String SECRET = "whsec_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8=";
    private static final String JOB = "0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
    /** A 1x1 PNG. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    private static final String SUCCEEDED = """
            {"job": "%s", "status": "succeeded", "model": "stabilityai/stable-diffusion-xl-base-1.0", "seed": 42,
             "images": [{"url": "https://relay.example.com/out/0.png"},
                        {"base64": "%s", "contentType": "image/png"}]}
            """.formatted(JOB, PNG);

    @Autowired
    MockMvcTester mvc;

    @Autowired
    RecordingCallbackPublisher broker;

    @BeforeEach
    void emptyTheBroker() {
        broker.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"huggingface", "stability"})
    void relaysASignedResultVerbatimUnderItsVendorsName(String vendor) {
        assertThat(post(vendor, "msg_relayed", SUCCEEDED)).hasStatus(HttpStatus.NO_CONTENT);

        assertThat(broker.published()).containsExactly(
                new ProviderCallback(JobId.parse(JOB), ReplicateFixtures.VALID_AT, vendor, "msg_relayed", SUCCEEDED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"""
            {"job": "%s", "status": "processing"}
            """, """
            {"job": "%s", "status": "processing", "progress": {"step": 3, "of": 20}, "model": "core"}
            """, """
            {"job": "%s", "status": "processing", "progress": null, "seed": null, "images": "ignored here"}
            """, """
            {"job": "%s", "status": "failed", "error": {"reason": "content_filtered", "message": "flagged"}}
            """, """
            {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "https://relay.example.com/a"}],
             "comment": "fields the format does not know are left alone"}
            """})
    void relaysEveryStatusOfTheFormat(String body) {
        String text = body.formatted(JOB);

        assertThat(post("stability", text)).hasStatus(HttpStatus.NO_CONTENT);

        assertThat(broker.published()).singleElement().extracting(ProviderCallback::body).isEqualTo(text);
    }

    @Test
    void acceptsTheExampleRequestOfTheReadme() {
        // Signed with openssl as the README shows, with the vector's secret at the vector's timestamp.
        var body = "{\"job\":\"0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b\",\"status\":\"succeeded\","
                + "\"model\":\"stabilityai/stable-diffusion-xl-base-1.0\",\"seed\":42,"
                + "\"images\":[{\"url\":\"https://relay.example.com/out/0b6f2a1e-0.png\"}]}";
        var result = mvc.post()
                .uri("/api/webhook/stability")
                .header("Content-Type", "application/json")
                .header("webhook-id", "relay_0001")
                .header("webhook-timestamp", "1767225600")
                .header("webhook-signature", "v1,7ElEnxaGC13OmSmkVXb7fix1T358Hch3cSgBCP8kfGU=")
                .content(body)
                .exchange();

        assertThat(result).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(broker.published()).singleElement().satisfies(callback -> {
            assertThat(callback.provider()).isEqualTo("stability");
            assertThat(callback.deliveryId()).isEqualTo("relay_0001");
            assertThat(callback.body()).isEqualTo(body);
        });
    }

    @Test
    void acknowledgesAndLogsAResultForAJobItHasNeverSeen(CapturedOutput log) {
        String stranger = UUID.randomUUID().toString();

        assertThat(post("huggingface", "msg_stranger", SUCCEEDED.replace(JOB, stranger)))
                .hasStatus(HttpStatus.NO_CONTENT);

        assertThat(broker.published()).singleElement()
                .extracting(ProviderCallback::jobId)
                .isEqualTo(JobId.parse(stranger));
        assertThat(log).contains("Relayed huggingface callback msg_stranger for job " + stranger)
                .doesNotContain(SECRET.substring("whsec_".length()));
    }

    @Test
    void takesTheJobFromTheSignedBodyNotTheQuery() {
        var body = SUCCEEDED.getBytes(StandardCharsets.UTF_8);
        var result = mvc.post()
                .uri("/api/webhook/huggingface?job={other}", UUID.randomUUID())
                .header("webhook-id", "msg_query")
                .header("webhook-timestamp", ReplicateFixtures.TIMESTAMP)
                .header("webhook-signature", ReplicateFixtures.sign("msg_query", ReplicateFixtures.TIMESTAMP, body))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();

        assertThat(result).hasStatus(HttpStatus.NO_CONTENT);
        assertThat(broker.published()).singleElement().extracting(ProviderCallback::jobId).isEqualTo(JobId.parse(JOB));
    }

    @Test
    void answersAnUnknownVendorWithNotFound() {
        assertThat(post("midjourney", SUCCEEDED)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(broker.published()).isEmpty();
    }

    @Nested
    class Signatures {

        @Test
        void rejectsABadSignatureWithProblemJson() {
            var body = SUCCEEDED.getBytes(StandardCharsets.UTF_8);
            var result = mvc.post()
                    .uri("/api/webhook/stability")
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
        void acceptsTheSignatureVectorsHeadersForItsOwnBody() {
            // The vector's signature covers the vector's body, which is no relayed result: signed, but malformed.
            var vector = ReplicateFixtures.VECTOR;
            var result = mvc.post()
                    .uri("/api/webhook/huggingface")
                    .header("webhook-id", vector.at("/headers/webhook-id").stringValue())
                    .header("webhook-timestamp", vector.at("/headers/webhook-timestamp").stringValue())
                    .header("webhook-signature", vector.get("multi_signature_header_example").stringValue())
                    .content(vector.get("body").stringValue())
                    .exchange();

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson()
                    .extractingPath("$.errors[0].field")
                    .isEqualTo("job");
        }

        @Test
        void rejectsAResultSignedLongerAgoThanTheTolerance() {
            String signedAt = Long.toString(ReplicateFixtures.VALID_AT.minusSeconds(6 * 60).getEpochSecond());

            assertThat(post("huggingface", "msg_old", signedAt, SUCCEEDED)).hasStatus(HttpStatus.UNAUTHORIZED)
                    .bodyJson()
                    .extractingPath("$.reason")
                    .isEqualTo("stale_timestamp");
            assertThat(broker.published()).isEmpty();
        }

        @Test
        void rejectsAResultWithoutSignatureHeaders() {
            assertThat(mvc.post().uri("/api/webhook/huggingface").content(SUCCEEDED).exchange())
                    .hasStatus(HttpStatus.UNAUTHORIZED)
                    .bodyJson()
                    .extractingPath("$.reason")
                    .isEqualTo("missing_headers");
            assertThat(broker.published()).isEmpty();
        }

        @Test
        void checksTheSignatureBeforeTheShape() {
            assertThat(mvc.post().uri("/api/webhook/stability").content("not json").exchange())
                    .hasStatus(HttpStatus.UNAUTHORIZED);
        }
    }

    @Nested
    class Limits {

        @Test
        void refusesABodyOverTheRelayLimit() {
            String padded = SUCCEEDED.replace("\"seed\": 42", "\"padding\": \"" + "x".repeat(8 * 1024) + "\"");

            assertThat(post("huggingface", padded)).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(broker.published()).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not json", "[1]", "\"succeeded\"", "null", "{} {}"})
        void refusesABodyThatIsNotOneJsonObject(String body) {
            assertThat(post("stability", body)).hasStatus(HttpStatus.BAD_REQUEST)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson()
                    .extractingPath("$.title")
                    .isEqualTo("Callback body is not a JSON object");
            assertThat(broker.published()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', textBlock = """
                {"status": "processing"}                                                    | job
                {"job": "job-42", "status": "processing"}                                   | job
                {"job": "%s"}                                                               | status
                {"job": "%s", "status": "starting"}                                         | status
                {"job": "%s", "status": "processing", "seed": -1}                           | seed
                {"job": "%s", "status": "processing", "seed": 1.5}                          | seed
                {"job": "%s", "status": "processing", "model": ""}                          | model
                {"job": "%s", "status": "processing", "progress": {"step": 21, "of": 20}}   | progress.step
                {"job": "%s", "status": "processing", "progress": {"step": 1, "of": 0}}     | progress.of
                {"job": "%s", "status": "succeeded", "images": [{"url": "https://a.example/0.png"}]} | model
                {"job": "%s", "status": "succeeded", "model": "core"}                       | images
                {"job": "%s", "status": "succeeded", "model": "core", "images": []}         | images
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{}, {}, {}, {}, {}]} | images
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{}]}       | images[0]
                {"job": "%s", "status": "succeeded", "model": "core", "images": ["https://a.example/0.png"]} | images[0]
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "https://a.example/0.png", "base64": "iVBO", "contentType": "image/png"}]} | images[0]
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "http://relay.example.com/0.png"}]} | images[0].url
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "https://10.0.0.7/0.png"}]} | images[0].url
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "https://169.254.169.254/latest"}]} | images[0].url
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "https://user:pw@a.example/0.png"}]} | images[0].url
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "file:///etc/passwd"}]} | images[0].url
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"base64": "iVBORw0KGgo="}]} | images[0].contentType
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"base64": "R0lGODlh", "contentType": "image/gif"}]} | images[0].contentType
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"base64": "not base64!", "contentType": "image/png"}]} | images[0].base64
                {"job": "%s", "status": "succeeded", "model": "core", "images": [{"base64": "/9j/4AAQ", "contentType": "image/png"}]} | images[0].base64
                {"job": "%s", "status": "failed"}                                           | error
                {"job": "%s", "status": "failed", "error": {"message": "flagged"}}          | error.reason
                {"job": "%s", "status": "failed", "error": {"reason": "Content Filtered", "message": "flagged"}} | error.reason
                {"job": "%s", "status": "failed", "error": {"reason": "content_filtered"}}  | error.message
                """)
        void refusesAResultThatBreaksTheFormatNamingTheField(String body, String field) {
            var result = post("huggingface", body.formatted(JOB));

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
            assertThat(broker.published()).isEmpty();
        }

        @Test
        void answersTheProblemTheReadmeShows() {
            var body = """
                    {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "http://relay.example.com/0.png"}]}
                    """
                    .formatted(JOB);

            var result = post("huggingface", body);

            assertThat(result).bodyJson().isLenientlyEqualTo("""
                    {"title": "Invalid request", "status": 400, "detail": "images[0].url must be an https URL",
                     "errors": [{"field": "images[0].url", "message": "must be an https URL"}]}
                    """);
        }

        @Test
        void refusesAnErrorMessageLongerThanTheLimit() {
            var body = """
                    {"job": "%s", "status": "failed", "error": {"reason": "provider_error", "message": "%s"}}
                    """.formatted(JOB, "x".repeat(RelayFormat.MAX_MESSAGE_LENGTH + 1));

            assertThat(post("stability", body)).hasStatus(HttpStatus.BAD_REQUEST)
                    .bodyJson()
                    .extractingPath("$.errors[0].message")
                    .isEqualTo("must be at most 1000 characters");
        }

        @Test
        void takesFourImagesAndAJpegAndAWebpInline() {
            var jpeg = Base64.getEncoder().encodeToString(new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0});
            var webp = Base64.getEncoder().encodeToString("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII));
            var body = """
                    {"job": "%s", "status": "succeeded", "model": "core",
                     "images": [{"base64": "%s", "contentType": "image/jpeg"}, {"base64": "%s", "contentType": "image/webp"},
                                {"url": "https://a.example/2.png"}, {"url": "https://a.example/3.png"}]}
                    """
                    .formatted(JOB, jpeg, webp);

            assertThat(post("stability", body)).hasStatus(HttpStatus.NO_CONTENT);
        }
    }

    @Nested
    class RetriedDeliveries {

        @Test
        void relaysADeliveryOnceHoweverOftenItComes() {
            assertThat(post("huggingface", "msg_retried", SUCCEEDED)).hasStatus(HttpStatus.NO_CONTENT);
            assertThat(post("huggingface", "msg_retried", SUCCEEDED)).hasStatus(HttpStatus.NO_CONTENT);

            assertThat(broker.published()).extracting(ProviderCallback::deliveryId).containsExactly("msg_retried");
        }

        @Test
        void relaysTheSameIdFromEachVendor() {
            assertThat(post("huggingface", "msg_both", SUCCEEDED)).hasStatus(HttpStatus.NO_CONTENT);
            assertThat(post("stability", "msg_both", SUCCEEDED)).hasStatus(HttpStatus.NO_CONTENT);

            assertThat(broker.published()).extracting(ProviderCallback::provider)
                    .containsExactly("huggingface", "stability");
        }

        @Test
        void answers503WhenTheBrokerDoesNotAcknowledgeAndRelaysTheRetry() {
            broker.failNext();

            assertThat(post("stability", "msg_unacknowledged", SUCCEEDED)).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(broker.published()).isEmpty();

            assertThat(post("stability", "msg_unacknowledged", SUCCEEDED)).hasStatus(HttpStatus.NO_CONTENT);
            assertThat(broker.published()).extracting(ProviderCallback::deliveryId)
                    .containsExactly("msg_unacknowledged");
        }
    }

    @Nested
    @TestPropertySource(properties = "pipeline.webhook-receiver.relay-allowed-networks=127.0.0.0/8,::1")
    class WithALocalNetworkAllowed {

        @ParameterizedTest
        @ValueSource(strings = {"http://127.0.0.1:8089/out/0.png", "http://localhost:8089/out/0.png",
                "https://127.0.0.1/out/0.png", "https://relay.example.com/out/0.png"})
        void takesImagesFromIt(String url) {
            var body = """
                    {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "%s"}]}
                    """.formatted(JOB, url);

            assertThat(post("huggingface", body)).hasStatus(HttpStatus.NO_CONTENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"http://relay.example.com/out/0.png", "https://10.1.2.3/out/0.png"})
        void stillRefusesOtherPlainOrPrivateUrls(String url) {
            var body = """
                    {"job": "%s", "status": "succeeded", "model": "core", "images": [{"url": "%s"}]}
                    """.formatted(JOB, url);

            assertThat(post("huggingface", body)).hasStatus(HttpStatus.BAD_REQUEST);
        }
    }

    @Nested
    // Blank settings and variables stand in for unset ones, whatever the machine running the test has set.
    @TestPropertySource(properties = {"pipeline.webhook-receiver.relay-secret=", "WEBHOOK_SECRET="})
    class WithoutASecret {

        @Test
        void rejectsEvenACorrectlySignedResult() {
            assertThat(post("huggingface", SUCCEEDED)).hasStatus(HttpStatus.UNAUTHORIZED)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson()
                    .extractingPath("$.reason")
                    .isEqualTo("no_secret");
            assertThat(broker.published()).isEmpty();
        }
    }

    /** Posts a body under a delivery id of its own, so no test sees another's delivery as a retry. */
    private MvcTestResult post(String vendor, String body) {
        return post(vendor, "msg_" + UUID.randomUUID(), body);
    }

    private MvcTestResult post(String vendor, String id, String body) {
        return post(vendor, id, ReplicateFixtures.TIMESTAMP, body);
    }

    /** Posts a body signed with the vector's secret; the vector's timestamp is fresh by the fixed clock. */
    private MvcTestResult post(String vendor, String id, String timestamp, String body) {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        return mvc.post()
                .uri("/api/webhook/{vendor}", vendor)
                .header("webhook-id", id)
                .header("webhook-timestamp", timestamp)
                .header("webhook-signature", ReplicateFixtures.sign(id, timestamp, bytes))
                .contentType(MediaType.APPLICATION_JSON)
                .content(bytes)
                .exchange();
    }
}
