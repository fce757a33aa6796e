package dev.imagepipeline.webhook.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.webhook.OutcomePublisher;

/** The HTTP contract of the endpoint, with the publisher replaced: what is answered, and whether anything is sent. */
@WebMvcTest(controllers = ReplicateWebhookController.class, properties = {
        "pipeline.webhook-receiver.replicate-secret=whsec_EBESExQVFhcYGRobHB0eHyAhIiMkJSYnKCkqKywtLi8=",
        "pipeline.webhook-receiver.max-body-size=4KB"})
@Import({WebhookReceiverReplicateConfiguration.class, VectorTimeClock.class})
class ReplicateWebhookControllerTests {

    private static final String JOB = "0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    OutcomePublisher publisher;

    @Test
    void publishesTheEventOfASignedCallback() {
        assertThat(post(JOB, ReplicateFixtures.bytes("prediction-succeeded.json"))).hasStatus(HttpStatus.NO_CONTENT);

        var published = ArgumentCaptor.forClass(JobEvent.class);
        verify(publisher).publish(published.capture());
        assertThat(published.getValue()).isInstanceOfSatisfying(GenerationSucceeded.class,
                event -> assertThat(event.jobId()).isEqualTo(JobId.parse(JOB)));
    }

    @Test
    void answersAnUnknownStatusWithoutPublishing() {
        assertThat(post(JOB, utf8("{\"status\": \"rebooting\"}"))).hasStatus(HttpStatus.NO_CONTENT);
        verifyNoInteractions(publisher);
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
        verifyNoInteractions(publisher);
    }

    @Test
    void rejectsACallbackWithoutSignatureHeaders() {
        var result = mvc.post().uri("/api/webhook/replicate?job={job}", JOB).content(utf8("{}")).exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(result).bodyJson().extractingPath("$.reason").isEqualTo("missing_headers");
        verifyNoInteractions(publisher);
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
        verifyNoInteractions(publisher);
    }

    @Test
    void rejectsASignedBodyThatIsNotAPrediction() {
        assertThat(post(JOB, utf8("{\"status\": "))).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .extractingPath("$.title")
                .isEqualTo("Unreadable prediction");
        verifyNoInteractions(publisher);
    }

    @Test
    void refusesABodyOverTheLimit() {
        assertThat(post(JOB, new byte[4 * 1024 + 1])).hasStatus(HttpStatus.CONTENT_TOO_LARGE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(post(JOB, new byte[4 * 1024])).hasStatus(HttpStatus.BAD_REQUEST);
        verifyNoInteractions(publisher);
    }

    @Nested
    // Blank settings and variables stand in for unset ones, whatever the machine running the test has set.
    @TestPropertySource(properties = {"pipeline.webhook-receiver.replicate-secret=", "REPLICATE_WEBHOOK_SECRET=",
            "WEBHOOK_SECRET="})
    class WithoutASecret {

        @Test
        void rejectsEvenACorrectlySignedCallback() {
            assertThat(post(JOB, ReplicateFixtures.bytes("prediction-succeeded.json")))
                    .hasStatus(HttpStatus.UNAUTHORIZED)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .bodyJson()
                    .extractingPath("$.reason")
                    .isEqualTo("no_secret");
            verifyNoInteractions(publisher);
        }
    }

    /** Posts a body signed with the vector's secret at the vector's timestamp, which the fixed clock finds fresh. */
    private MvcTestResult post(String job, byte[] body) {
        var request = mvc.post();
        if (job != null) {
            request.uri("/api/webhook/replicate?job={job}", job);
        } else {
            request.uri("/api/webhook/replicate");
        }
        return request.header("webhook-id", "msg_1")
                .header("webhook-timestamp", ReplicateFixtures.TIMESTAMP)
                .header("webhook-signature", ReplicateFixtures.sign("msg_1", ReplicateFixtures.TIMESTAMP, body))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
