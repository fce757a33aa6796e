package dev.imagepipeline.generation.provider.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.imagepipeline.generation.provider.stability.Orders.NEGATIVE;
import static dev.imagepipeline.generation.provider.stability.Orders.TOKEN;
import static dev.imagepipeline.generation.provider.stability.Orders.order;
import static dev.imagepipeline.generation.provider.stability.Orders.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ProviderException;
import tools.jackson.databind.node.ObjectNode;

class StabilitySdxlTests {

    private static final String MODEL = "stable-diffusion-xl-1024-v1-0";
    private static final String PATH = "/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image";
    private static final String SUCCESS = "v1-text-to-image-response.json";

    @RegisterExtension
    static WireMockExtension stability = Orders.stubServer();

    private StabilityProvider provider;

    @BeforeEach
    void pointAtStub() {
        provider = Orders.provider(stability.baseUrl());
    }

    @Nested
    class Success {

        @BeforeEach
        void answerWithAnArtifact() {
            answer(200, Fixtures.body(SUCCESS));
        }

        @Test
        void sendsOneSampleAsJsonWithTheNegativePromptWeightedDown() {
            generate(order(MODEL, NEGATIVE, settings(1, 7.0, 30, 424242)));

            var request = received();
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.getHeader("Accept")).isEqualTo("application/json");
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            assertThat(Fixtures.parse(request.getBodyAsString())).isEqualTo(Fixtures.parse("""
                    {
                      "text_prompts": [
                        {"text": "studio product photo of a ceramic coffee mug on a white background", "weight": 1},
                        {"text": "blurry, watermark", "weight": -1}
                      ],
                      "cfg_scale": 7.0,
                      "steps": 30,
                      "width": 1024,
                      "height": 1024,
                      "samples": 1,
                      "seed": 424242
                    }
                    """));
        }

        @Test
        void leavesOutAnEmptyNegativePromptAndAbsentGuidanceAndSteps() {
            generate(order(MODEL, "", settings(1, null, null, 424242)));

            var body = Fixtures.parse(received().getBodyAsString());
            assertThat(body.get("text_prompts")).hasSize(1);
            assertThat(body.has("cfg_scale")).isFalse();
            assertThat(body.has("steps")).isFalse();
        }

        @Test
        void deliversTheArtifactWithItsSeed() {
            var batch = generate(order(MODEL));

            assertThat(batch.model()).isEqualTo(MODEL);
            assertThat(batch.seed()).isEqualTo(424242L);
            assertThat(batch.warnings()).isEmpty();
            assertThat(batch.providerInput()).containsEntry("samples", 1)
                    .containsEntry("seed", 424242L)
                    .doesNotContainKeys("text_prompts", "prompt");
            assertThat(batch.images()).singleElement().satisfies(image -> {
                assertThat(image.bytes()).isEqualTo(Fixtures.image(SUCCESS, "/artifacts/0/base64"));
                assertThat(image.width()).isEqualTo(1);
            });
        }
    }

    @Test
    void failsAFilteredArtifactInsteadOfDeliveringIt() {
        answer(200, finishing("CONTENT_FILTERED"));

        assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> generate(order(MODEL))).satisfies(e -> {
            assertThat(e.reason()).isEqualTo("content_filtered");
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void failsAnArtifactThatEndedInErrorAsRetryable() {
        answer(200, finishing("ERROR"));

        assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> generate(order(MODEL))).satisfies(e -> {
            assertThat(e.reason()).isEqualTo("provider_error");
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("ERROR");
        });
    }

    @Test
    void failsAnAnswerWithoutArtifactsAsMalformed() {
        answer(200, """
                {"artifacts": []}
                """);

        assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> generate(order(MODEL))).satisfies(e -> {
            assertThat(e.reason()).isEqualTo("malformed_response");
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void quotesTheV1ErrorMessage() {
        answer(Fixtures.status("v1-error-400.json"), Fixtures.body("v1-error-400.json"));

        assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> generate(order(MODEL))).satisfies(e -> {
            assertThat(e.reason()).isEqualTo("invalid_request");
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("invalid_sdxl_v1_dimensions", "the allowed dimensions are 1024x1024",
                    "296a972f-666a-44a1-a3df-c9c28a1f56c0");
        });
    }

    private static String finishing(String finishReason) {
        var body = Fixtures.json(SUCCESS);
        ((ObjectNode) body.at("/artifacts/0")).put("finishReason", finishReason);
        return body.toString();
    }

    private void answer(int status, String body) {
        stability.stubFor(post(urlPathEqualTo(PATH)).willReturn(
                aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private GeneratedBatch generate(GenerationOrder order) {
        return provider.generate(order, (percent, message) -> {
        });
    }

    private static LoggedRequest received() {
        var requests = stability.findAll(postRequestedFor(urlPathEqualTo(PATH)));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }
}
