package dev.imagepipeline.generation.provider.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.TOKEN;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.ProviderRun;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.TestImages;

/** How a prediction's end becomes images, a warning or a failure. */
class ReplicateOutcomeTests {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ReplicateStubs replicate;

    @BeforeEach
    void stubReplicate() {
        replicate = new ReplicateStubs(server);
    }

    @Nested
    class Succeeded {

        @Test
        void downloadsEveryOutputWithTheToken() {
            replicate.created(okJson(replicate.prediction("prediction-succeeded.json",
                    Map.of("output", List.of("https://replicate.delivery/xezq/example-out-0.webp",
                            "https://replicate.delivery/xezq/example-out-1.webp")))));

            var batch = replicate.generate(replicate.provider(), ReplicateStubs.schnell(2));

            assertThat(batch.images()).hasSize(2).allSatisfy(image -> {
                assertThat(image.contentType()).isEqualTo("image/png");
                assertThat(image.width()).isEqualTo(ReplicateStubs.FILE_WIDTH);
                assertThat(image.height()).isEqualTo(ReplicateStubs.FILE_HEIGHT);
                assertThat(image.bytes()).isEqualTo(TestImages.png(64, 48));
            });
            assertThat(batch.warnings()).isEmpty();
            assertThat(batch.runs()).containsExactly(new ProviderRun(ReplicateStubs.ID, 912L));
            for (String file : List.of("/xezq/example-out-0.webp", "/xezq/example-out-1.webp")) {
                server.verify(
                        getRequestedFor(urlPathEqualTo(file)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
            }
        }

        @Test
        void acceptsASingleUrlAsTheOutput() {
            replicate.created("prediction-succeeded-flux-1.1-pro.json");

            var batch = replicate.generate(replicate.provider(),
                    order("flux-1.1-pro", "", new ModelSettings(1024, 1024, 1, null, null, 42)));

            assertThat(batch.images()).hasSize(1);
            server.verify(getRequestedFor(urlPathEqualTo("/czjl/example-single-output.jpg")));
        }

        @Test
        void warnsWhenTheSafetyCheckerDroppedSomeImages() {
            replicate.created("prediction-succeeded-partial-nsfw.json");

            var batch = replicate.generate(replicate.provider(), ReplicateStubs.schnell(2));

            assertThat(batch.images()).hasSize(1);
            assertThat(batch.warnings()).containsExactly("Replicate delivered 1 of the 2 images asked for: its "
                    + "safety checker drops the images it flags as NSFW.");
        }

        @Test
        void failsAsFilteredWhenNoImageIsLeft() {
            replicate.created(okJson(replicate.prediction("prediction-succeeded.json", Map.of("output", List.of()))));

            assertFailure(ReplicateStubs.schnell(1), "content_filtered", false).withMessageContaining("NSFW");
        }

        @Test
        void keepsTheTypeAndOrderedSizeOfAFileJavaCannotRead() {
            replicate.created("prediction-succeeded.json");
            server.stubFor(get(urlPathEqualTo("/xezq/example-out-0.webp"))
                    .willReturn(aResponse().withHeader("Content-Type", "image/webp").withBody("RIFF....WEBPVP8 ")));

            var batch = replicate.generate(replicate.provider(),
                    order("flux-schnell", "", new ModelSettings(512, 512, 1, null, 4, 1)));

            assertThat(batch.images()).singleElement().satisfies(image -> {
                assertThat(image.contentType()).isEqualTo("image/webp");
                assertThat(image.width()).isEqualTo(512);
                assertThat(image.height()).isEqualTo(512);
            });
        }

        @Test
        void failsWhenAnOutputIsNotAnImage() {
            replicate.created("prediction-succeeded.json");
            server.stubFor(get(urlPathEqualTo("/xezq/example-out-0.webp"))
                    .willReturn(aResponse().withHeader("Content-Type", "text/html").withBody("<html>gone</html>")));

            assertFailure(ReplicateStubs.schnell(1), "malformed_response", true);
        }

        @Test
        void failsWhenAnOutputIsNotAUrl() {
            replicate.created(okJson(replicate.prediction("prediction-succeeded.json", Map.of("output", List.of(42)))));

            assertFailure(ReplicateStubs.schnell(1), "malformed_response", true).withMessageContaining("42");
        }

        @Test
        void failsRetryablyWhenAnOutputCannotBeDownloaded() {
            replicate.created("prediction-succeeded.json");
            server.stubFor(get(urlPathEqualTo("/xezq/example-out-0.webp")).willReturn(notFound()));

            assertFailure(ReplicateStubs.schnell(1), "provider_error", true).withMessageContaining("HTTP 404");
        }
    }

    @Test
    void failsAsFilteredWhenEveryImageWasFlagged() {
        replicate.created("prediction-failed.json");

        assertFailure(ReplicateStubs.schnell(1), "content_filtered", false)
                .withMessageContaining("All generated images contained NSFW content");
    }

    @Test
    void failsWithReplicatesTextWhenThePredictionFailed() {
        replicate.created(okJson(replicate.prediction("prediction-failed.json",
                Map.of("error", "CUDA out of memory. Tried to allocate 2.00 GiB"))));

        assertFailure(ReplicateStubs.schnell(1), "provider_error", false)
                .withMessageContaining("CUDA out of memory. Tried to allocate 2.00 GiB");
    }

    @Test
    void failsWhenThePredictionWasCanceled() {
        replicate.created("prediction-starting.json");
        replicate.polled("prediction-canceled.json");

        assertFailure(ReplicateStubs.schnell(1), "canceled", false).withMessageContaining(ReplicateStubs.ID);
    }

    @Test
    void failsRetryablyWhenThePredictionWasAborted() {
        replicate.created("prediction-starting.json");
        replicate.polled("prediction-aborted.json");

        assertFailure(ReplicateStubs.schnell(1), "provider_timeout", true).withMessageContaining("aborted");
    }

    private ThrowableAssertAlternative<ProviderException> assertFailure(GenerationOrder order, String reason,
            boolean retryable) {
        return assertThatExceptionOfType(ProviderException.class)
                .isThrownBy(() -> replicate.generate(replicate.provider(), order))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.retryable()).isEqualTo(retryable);
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
    }
}
