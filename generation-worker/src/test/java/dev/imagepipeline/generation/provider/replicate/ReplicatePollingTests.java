package dev.imagepipeline.generation.provider.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.imagepipeline.generation.provider.replicate.FakePollingClock.seconds;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.PREDICTION_PATH;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.generation.provider.ProviderException;

/** Waiting for a prediction: polling at a doubling interval, and canceling it once it has taken too long. */
class ReplicatePollingTests {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ReplicateStubs replicate;

    @BeforeEach
    void stubReplicate() {
        replicate = new ReplicateStubs(server);
        replicate.created("prediction-starting.json");
    }

    @Test
    void pollsAnUnfinishedPredictionUntilItSucceeds() {
        replicate.polled("prediction-starting.json", "prediction-processing.json", "prediction-succeeded.json");

        var batch = replicate.generate(replicate.provider(), ReplicateStubs.schnell(1));

        assertThat(batch.images()).singleElement().satisfies(image -> {
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(image.width()).isEqualTo(ReplicateStubs.FILE_WIDTH);
            assertThat(image.height()).isEqualTo(ReplicateStubs.FILE_HEIGHT);
        });
        assertThat(replicate.clock.sleeps()).isEqualTo(seconds(1, 2, 4));
        server.verify(3, getRequestedFor(urlPathEqualTo(PREDICTION_PATH)).withHeader("Authorization",
                equalTo("Bearer " + TOKEN)));
        assertThat(replicate.progress).containsExactly("0% prediction q6w3k9r2hdrm80cm1b2tzx4a7c started",
                "0% prediction q6w3k9r2hdrm80cm1b2tzx4a7c is starting",
                "0% prediction q6w3k9r2hdrm80cm1b2tzx4a7c is processing",
                "100% prediction q6w3k9r2hdrm80cm1b2tzx4a7c succeeded in 0.912s");
    }

    @Test
    void doublesTheIntervalUpToItsBound() {
        replicate.polled("prediction-processing.json", "prediction-processing.json", "prediction-processing.json",
                "prediction-processing.json", "prediction-processing.json", "prediction-processing.json",
                "prediction-succeeded.json");

        replicate.generate(replicate.provider(), ReplicateStubs.schnell(1));

        assertThat(replicate.clock.sleeps()).isEqualTo(seconds(1, 2, 4, 8, 10, 10, 10));
    }

    @Test
    void keepsPollingAStatusItDoesNotKnow() {
        replicate.polledWith(replicate.prediction("prediction-processing.json", Map.of("status", "queued")),
                replicate.prediction("prediction-succeeded.json"));

        assertThat(replicate.generate(replicate.provider(), ReplicateStubs.schnell(1)).images()).hasSize(1);
        assertThat(replicate.progress).contains("0% prediction q6w3k9r2hdrm80cm1b2tzx4a7c is unknown");
    }

    @Test
    void cancelsThePredictionWhenTheWorkerStops() {
        replicate.polled("prediction-processing.json");
        replicate.cancels();
        var stopping = new PollingClock() {

            @Override
            public Instant now() {
                return Instant.EPOCH;
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                throw new InterruptedException();
            }
        };
        var provider = replicate.provider(replicate.settings(Duration.ofSeconds(10), Duration.ofMinutes(1)), stopping);

        assertThatExceptionOfType(ProviderException.class)
                .isThrownBy(() -> replicate.generate(provider, ReplicateStubs.schnell(1)))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo("interrupted");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(ReplicateStubs.ID, "stopping", "it was canceled");
                });
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
        server.verify(1, postRequestedFor(urlPathEqualTo(PREDICTION_PATH + "/cancel")));
    }

    @Nested
    class PastTheBound {

        private ReplicateProvider provider;

        @BeforeEach
        void runForever() {
            provider = replicate.provider(replicate.settings(Duration.ofSeconds(10), Duration.ofSeconds(30)));
            replicate.polled("prediction-processing.json");
        }

        @Test
        void cancelsThePredictionAndTimesOut() {
            replicate.cancels();

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> replicate.generate(provider, ReplicateStubs.schnell(1)))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo("provider_timeout");
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains(ReplicateStubs.ID, "30 s", "it was canceled");
                    });
            server.verify(1, postRequestedFor(urlPathEqualTo(PREDICTION_PATH + "/cancel")).withHeader("Authorization",
                    equalTo("Bearer " + TOKEN)));
            assertThat(replicate.clock.sleeps()).isEqualTo(seconds(1, 2, 4, 8, 10, 5));
            assertThat(replicate.clock.now()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
        }

        @Test
        void timesOutEvenWhenTheCancelFails() {
            server.stubFor(post(urlPathEqualTo(PREDICTION_PATH + "/cancel")).willReturn(serverError()));

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> replicate.generate(provider, ReplicateStubs.schnell(1)))
                    .satisfies(e -> {
                        assertThat(e.reason()).isEqualTo("provider_timeout");
                        assertThat(e.getMessage()).contains("canceling it failed too", "HTTP 500");
                    });
        }

        @Test
        void asksReplicateToCancelItToo() {
            replicate.cancels();

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> replicate.generate(provider, ReplicateStubs.schnell(1)));

            server.verify(postRequestedFor(urlPathEqualTo(ReplicateStubs.SCHNELL_PATH)).withHeader("Cancel-After",
                    equalTo("90s")));
        }
    }
}
