package dev.imagepipeline.generation.provider.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;
import java.time.Duration;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.ProviderException;

/** Replicate's error answers and transport failures, each with a stable reason and the right retryability. */
class ReplicateErrorTests {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ReplicateStubs replicate;

    @BeforeEach
    void stubReplicate() {
        replicate = new ReplicateStubs(server);
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400 | invalid_request  | false | {"detail": "Prompt is required."}                               | Prompt is required.
            401 | provider_auth    | false | {"title": "Unauthenticated", "detail": "You did not pass a valid authentication token", "status": 401} | You did not pass a valid authentication token
            402 | out_of_credits   | false | {"title": "Insufficient credit", "detail": "You have run out of credit."} | You have run out of credit.
            403 | provider_auth    | false | {"title": "Forbidden"}                                          | Forbidden
            404 | model_not_found  | false | {"title": "Not found", "detail": "The requested resource does not exist"} | The requested resource does not exist
            422 | invalid_request  | false | {"title": "Input validation failed", "detail": "- input.num_outputs: Must be less than or equal to 4", "status": 422} | input.num_outputs: Must be less than or equal to 4
            500 | provider_error   | true  | {"detail": "Internal server error"}                             | Internal server error
            503 | provider_error   | true  | <html><body>upstream unavailable</body></html>                  | upstream unavailable
            """)
    void mapsEachErrorStatusWithReplicatesText(int status, String reason, boolean retryable, String body, String text) {
        replicate.created(
                aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json").withBody(body));

        assertFailure(reason, retryable).withMessageContaining("HTTP " + status).withMessageContaining(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            error-401.json | 401 | provider_auth   | You did not pass a valid authentication token
            error-422.json | 422 | invalid_request | - input.num_outputs: Must be less than or equal to 4
            """)
    void readsTheDetailOfTheContractFixtures(String fixture, int status, String reason, String detail) {
        replicate.created(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/problem+json")
                .withBody(Fixtures.body(fixture)));

        assertFailure(reason, false).withMessageContaining(detail);
    }

    @Nested
    class RateLimited {

        @Test
        void passesRetryAfterInSeconds() {
            replicate.created(throttled().withHeader("Retry-After", "30"));

            assertFailure("rate_limited", true).satisfies(e -> assertThat(e.retryAfter()).hasSeconds(30));
        }

        @Test
        void passesRetryAfterAsAnHttpDate() {
            // The fake clock reads 2026-01-01T00:00:00Z.
            replicate.created(throttled().withHeader("Retry-After", "Thu, 01 Jan 2026 00:00:45 GMT"));

            assertFailure("rate_limited", true).satisfies(e -> assertThat(e.retryAfter()).hasSeconds(45));
        }

        @Test
        void readsTheResetFromTheDetailWithoutRetryAfter() {
            replicate.created(throttled());

            assertFailure("rate_limited", true).withMessageContaining("Request was throttled")
                    .satisfies(e -> assertThat(e.retryAfter()).hasSeconds(30));
        }

        private ResponseDefinitionBuilder throttled() {
            return aResponse().withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withBody(Fixtures.body("error-429.json"));
        }
    }

    @Test
    void timesOutOnASlowAnswer() {
        replicate.created(aResponse().withStatus(201)
                .withFixedDelay(2_000)
                .withBody(replicate.prediction("prediction-succeeded.json")));
        var slow = replicate
                .provider(replicate.settings(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(10)));

        assertFailure(slow, "provider_timeout", true);
    }

    @Test
    void failsRetryablyWhenReplicateCannotBeReached() {
        var closed = new GenerationWorkerSettings.Replicate(null, URI.create("http://localhost:1"), null,
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMinutes(10), Duration.ofSeconds(30), ReplicateStubs.SDXL_VERSION);

        assertFailure(replicate.provider(closed), "provider_error", true).withMessageContaining("could not be reached");
    }

    @Test
    void failsRetryablyOnABodyThatIsNotJson() {
        replicate.created(aResponse().withStatus(201).withBody("{\"id\": \"q6w3k9r2hdrm80cm1b2tzx4a7c\", "));

        assertFailure("malformed_response", true);
    }

    @Test
    void failsRetryablyOnAPredictionWithoutAStatus() {
        replicate.created(aResponse().withStatus(201).withBody("{\"id\": \"q6w3k9r2hdrm80cm1b2tzx4a7c\"}"));

        assertFailure("malformed_response", true);
    }

    @Test
    void mapsAnErrorWhilePolling() {
        replicate.created("prediction-starting.json");
        server.stubFor(get(urlPathEqualTo(ReplicateStubs.PREDICTION_PATH)).willReturn(serverError()));

        assertFailure("provider_error", true).withMessageContaining("polling prediction " + ReplicateStubs.ID);
    }

    @Test
    void neverRepeatsTheTokenEvenWhenReplicateEchoesIt() {
        replicate.created(
                aResponse().withStatus(401).withBody("{\"detail\": \"Invalid token " + TOKEN + " for this account\"}"));

        assertFailure("provider_auth", false).withMessageContaining("Invalid token *** for this account");
    }

    private ThrowableAssertAlternative<ProviderException> assertFailure(String reason, boolean retryable) {
        return assertFailure(replicate.provider(), reason, retryable);
    }

    private ThrowableAssertAlternative<ProviderException> assertFailure(ReplicateProvider provider, String reason,
            boolean retryable) {
        return assertThatExceptionOfType(ProviderException.class)
                .isThrownBy(() -> replicate.generate(provider, ReplicateStubs.schnell(1)))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
    }
}
