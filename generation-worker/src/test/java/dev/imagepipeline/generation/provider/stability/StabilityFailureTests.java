package dev.imagepipeline.generation.provider.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.imagepipeline.generation.provider.stability.Orders.TOKEN;
import static dev.imagepipeline.generation.provider.stability.Orders.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.generation.provider.ProviderException;

class StabilityFailureTests {

    private static final String CORE = "/v2beta/stable-image/generate/core";

    @RegisterExtension
    static WireMockExtension stability = Orders.stubServer();

    @Nested
    class ErrorStatuses {

        @ParameterizedTest
        @CsvSource({"error-400.json, invalid_request, false", "error-401.json, provider_auth, false",
                "error-402.json, out_of_credits, false", "error-403-content-moderation.json, content_filtered, false",
                "error-422.json, invalid_request, false", "error-429.json, rate_limited, true",
                "error-500.json, provider_error, true"})
        void mapsEachDocumentedErrorToAReasonAndQuotesTheVendor(String fixture, String reason, boolean retryable) {
            var error = Fixtures.json(fixture);
            answer(aResponse().withStatus(Fixtures.status(fixture)).withBody(error.toString()));

            var failure = fail();

            assertThat(failure.reason()).isEqualTo(reason);
            assertThat(failure.retryable()).isEqualTo(retryable);
            assertThat(failure.getMessage())
                    .contains("HTTP " + Fixtures.status(fixture), error.get("name").asString(),
                            error.get("errors").get(0).asString(), error.get("id").asString())
                    .doesNotContain(TOKEN);
        }

        @Test
        void saysClearlyThatTheAccountIsOutOfCredits() {
            answer(aResponse().withStatus(402).withBody(Fixtures.body("error-402.json")));

            assertThat(fail().getMessage()).startsWith("The Stability AI account is out of credits")
                    .contains("payment_required", "You lack sufficient credits");
        }

        @Test
        void treatsAForbiddenThatIsNotModerationAsAnAuthorisationFailure() {
            answer(aResponse().withStatus(403).withBody("""
                    {"id": "0f1e2d3c", "name": "permission_denied", "errors": ["this key may not use core"]}
                    """));

            var failure = fail();

            assertThat(failure.reason()).isEqualTo("provider_auth");
            assertThat(failure.retryable()).isFalse();
            assertThat(failure.getMessage()).contains("permission_denied", "this key may not use core");
        }

        @Test
        void reportsAMissingEndpointAsAnUnknownModel() {
            answer(aResponse().withStatus(404).withBody("""
                    {"id": "9a8b7c6d", "name": "not_found", "errors": ["no such endpoint"]}
                    """));

            var failure = fail();

            assertThat(failure.reason()).isEqualTo("model_not_found");
            assertThat(failure.retryable()).isFalse();
            assertThat(failure.getMessage()).contains(CORE, "not_found", "no such endpoint");
        }

        @Test
        void quotesAnErrorPageThatIsNotJson() {
            answer(aResponse().withStatus(502).withBody("<html><body>Bad gateway</body></html>"));

            var failure = fail();

            assertThat(failure.reason()).isEqualTo("provider_error");
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.getMessage()).contains("HTTP 502", "Bad gateway");
        }

        @Test
        void neverRepeatsTheKeyEvenWhenTheVendorEchoesIt() {
            answer(aResponse().withStatus(401).withBody("""
                    {"id": "1a2b", "name": "unauthorized", "errors": ["authorization: unknown key %s"]}
                    """.formatted(TOKEN)));

            assertThat(fail().getMessage()).doesNotContain(TOKEN).contains("unknown key ***");
        }
    }

    @Nested
    class RetryAfterHeader {

        private static final Instant NOW = Instant.parse("2026-10-21T07:27:30Z");

        @Test
        void passesOnTheSecondsARateLimitAsksFor() {
            answer(aResponse().withStatus(429)
                    .withHeader("Retry-After", "7")
                    .withBody(Fixtures.body("error-429.json")));

            var failure = fail();

            assertThat(failure.reason()).isEqualTo("rate_limited");
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        }

        @Test
        void passesOnTheTimeUntilAnHttpDate() {
            answer(aResponse().withStatus(429)
                    .withHeader("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")
                    .withBody(Fixtures.body("error-429.json")));
            var provider = Orders.provider(stability.baseUrl(), Duration.ofSeconds(10),
                    Clock.fixed(NOW, ZoneOffset.UTC));

            var failure = fail(provider);

            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void leavesTheWaitToTheCallerWhenTheHeaderIsMissing() {
            answer(aResponse().withStatus(429).withBody(Fixtures.body("error-429.json")));

            assertThat(fail().retryAfter()).isNull();
        }

        @Test
        void ignoresAHeaderItCannotRead() {
            answer(aResponse().withStatus(429)
                    .withHeader("Retry-After", "soon")
                    .withBody(Fixtures.body("error-429.json")));

            var failure = fail();

            assertThat(failure.reason()).isEqualTo("rate_limited");
            assertThat(failure.retryAfter()).isNull();
        }

        @Test
        void passesOnAnUnavailableServersWait() {
            answer(aResponse().withStatus(503)
                    .withHeader("Retry-After", "120")
                    .withBody(Fixtures.body("error-500.json")));

            var failure = fail();

            assertThat(failure.reason()).isEqualTo("provider_error");
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        }
    }

    @Nested
    class Answers {

        @Test
        void failsABlurredImageInsteadOfDeliveringIt() {
            answer(aResponse().withStatus(200).withBody(Fixtures.body("generate-core-response-json-filtered.json")));

            var failure = fail();

            assertThat(failure.reason()).isEqualTo("content_filtered");
            assertThat(failure.retryable()).isFalse();
            assertThat(failure.getMessage()).contains("blurred", "1229191277");
        }

        @Test
        void failsABodyThatIsNotJsonAsMalformed() {
            answer(aResponse().withStatus(200).withBody("<html>maintenance</html>"));

            var failure = fail();

            assertThat(failure.reason()).isEqualTo("malformed_response");
            assertThat(failure.retryable()).isTrue();
        }

        @Test
        void failsAnAnswerWithoutAnImageAsMalformed() {
            answer(aResponse().withStatus(200).withBody("""
                    {"finish_reason": "SUCCESS", "seed": 1}
                    """));

            assertThat(fail().reason()).isEqualTo("malformed_response");
        }

        @Test
        void failsAnImageThatIsNotBase64AsMalformed() {
            answer(aResponse().withStatus(200).withBody("""
                    {"image": "not base64 at all!", "finish_reason": "SUCCESS", "seed": 1}
                    """));

            assertThat(fail().reason()).isEqualTo("malformed_response");
        }
    }

    @Nested
    class Transport {

        @Test
        void reportsASlowAnswerAsATimeout() {
            answer(aResponse().withStatus(200)
                    .withFixedDelay(2_000)
                    .withBody(Fixtures.body("generate-core-response-json.json")));
            var provider = Orders.provider(stability.baseUrl(), Duration.ofMillis(200), Clock.systemUTC());

            var failure = fail(provider);

            assertThat(failure.reason()).isEqualTo("provider_timeout");
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.getMessage()).contains("core", "within 0.2s").doesNotContain(TOKEN);
        }

        @Test
        void reportsAnUnreachableServerAsRetryable() throws IOException {
            int closedPort;
            try (var socket = new ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }

            var failure = fail(Orders.provider("http://localhost:" + closedPort));

            assertThat(failure.reason()).isEqualTo("provider_error");
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.getMessage()).contains("could not be reached").doesNotContain(TOKEN);
        }
    }

    private static void answer(ResponseDefinitionBuilder response) {
        stability.stubFor(
                post(urlPathEqualTo(CORE)).willReturn(response.withHeader("Content-Type", "application/json")));
    }

    private static ProviderException fail() {
        return fail(Orders.provider(stability.baseUrl()));
    }

    private static ProviderException fail(StabilityProvider provider) {
        var thrown = catchThrowableOfType(ProviderException.class,
                () -> provider.generate(order("core"), (percent, message) -> {
                }));
        assertThat(thrown).as("a ProviderException").isNotNull();
        return thrown;
    }
}
