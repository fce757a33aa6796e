package dev.imagepipeline.generation.provider.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.imagepipeline.generation.provider.stability.Fixtures.parts;
import static dev.imagepipeline.generation.provider.stability.Orders.NEGATIVE;
import static dev.imagepipeline.generation.provider.stability.Orders.PROMPT;
import static dev.imagepipeline.generation.provider.stability.Orders.SEED;
import static dev.imagepipeline.generation.provider.stability.Orders.TOKEN;
import static dev.imagepipeline.generation.provider.stability.Orders.order;
import static dev.imagepipeline.generation.provider.stability.Orders.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ProviderException;

class StabilityStableImageTests {

    private static final String CORE = "/v2beta/stable-image/generate/core";
    private static final String ULTRA = "/v2beta/stable-image/generate/ultra";
    private static final String SD3 = "/v2beta/stable-image/generate/sd3";
    private static final String SUCCESS = "generate-core-response-json.json";

    @RegisterExtension
    static WireMockExtension stability = Orders.stubServer();

    private StabilityProvider provider;

    @BeforeEach
    void pointAtStub() {
        provider = Orders.provider(stability.baseUrl());
        for (String path : new String[]{CORE, ULTRA, SD3}) {
            stability.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json; type=image/png")
                    .withBody(Fixtures.body(SUCCESS))));
        }
    }

    @Test
    void isNamedStabilityAndDefaultsToCore() {
        assertThat(provider.name()).isEqualTo("stability");
        assertThat(provider.defaultModel()).isEqualTo("core");
    }

    @Nested
    class Core {

        @Test
        void sendsTheFormWithTheKeyAndAsksForJson() {
            generate(order("core"));

            var request = received(CORE);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(request.getHeader("Accept")).isEqualTo("application/json");
            assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data");
            assertThat(parts(request)).containsExactlyInAnyOrderEntriesOf(Map.of("prompt", PROMPT, "negative_prompt",
                    NEGATIVE, "aspect_ratio", "1:1", "seed", "424242", "output_format", "png"));
        }

        @Test
        void deliversTheDecodedImageWithItsOwnSizeAndTheSeedStabilityUsed() {
            var batch = generate(order("core"));

            assertThat(batch.model()).isEqualTo("core");
            assertThat(batch.seed()).isEqualTo(343940597L);
            assertThat(batch.warnings()).isEmpty();
            assertThat(batch.providerInput()).containsEntry("aspect_ratio", "1:1")
                    .containsEntry("output_format", "png")
                    .containsKey("seed")
                    .doesNotContainKeys("prompt", "negative_prompt");
            assertThat(batch.images()).singleElement().satisfies(image -> {
                assertThat(image.bytes()).isEqualTo(Fixtures.image(SUCCESS, "/image"));
                assertThat(image.contentType()).isEqualTo("image/png");
                assertThat(image.width()).isEqualTo(1);
                assertThat(image.height()).isEqualTo(1);
            });
        }

        @Test
        void leavesOutAnEmptyNegativePrompt() {
            generate(order("core", "", settings(1, null, null, SEED)));

            assertThat(parts(received(CORE))).doesNotContainKey("negative_prompt").containsEntry("prompt", PROMPT);
        }

        @Test
        void warnsAboutGuidanceAndStepsItChoosesItself() {
            var batch = generate(order("core", NEGATIVE, settings(1, 7.0, 30, SEED)));

            assertThat(parts(received(CORE))).doesNotContainKeys("cfg_scale", "steps", "model", "mode");
            assertThat(batch.warnings()).containsExactly("Stability AI's core chooses its own guidance; 7 is not sent",
                    "Stability AI's core chooses its own steps; 30 is not sent");
        }

        @Test
        void keepsTheOrderedSizeWhenTheImageCannotBeRead() {
            var body = Fixtures.json(SUCCESS).put("image", Fixtures.base64("not a picture".getBytes()));
            stability.stubFor(post(urlPathEqualTo(CORE)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body.toString())));

            var image = generate(order("core")).images().getFirst();

            assertThat(image.bytes()).isEqualTo("not a picture".getBytes());
            assertThat(image.width()).isEqualTo(1024);
            assertThat(image.height()).isEqualTo(1024);
        }
    }

    @Test
    void sendsUltraTheSameFieldsAtItsOwnEndpoint() {
        generate(order("ultra"));

        assertThat(parts(received(ULTRA))).containsExactlyInAnyOrderEntriesOf(Map.of("prompt", PROMPT,
                "negative_prompt", NEGATIVE, "aspect_ratio", "1:1", "seed", "424242", "output_format", "png"));
    }

    @Nested
    class Sd3 {

        @ParameterizedTest
        @ValueSource(strings = {"sd3.5-large", "sd3.5-medium"})
        void namesTheModelAndSendsItsGuidance(String model) {
            var batch = generate(order(model, NEGATIVE, settings(1, 4.5, null, SEED)));

            assertThat(batch.model()).isEqualTo(model);
            assertThat(parts(received(SD3))).containsExactlyInAnyOrderEntriesOf(
                    Map.of("prompt", PROMPT, "negative_prompt", NEGATIVE, "model", model, "mode", "text-to-image",
                            "cfg_scale", "4.5", "aspect_ratio", "1:1", "seed", "424242", "output_format", "png"));
        }

        @Test
        void leavesOutGuidanceWhenThereIsNone() {
            generate(order("sd3.5-large", NEGATIVE, settings(1, null, null, SEED)));

            assertThat(parts(received(SD3))).doesNotContainKey("cfg_scale").containsEntry("model", "sd3.5-large");
        }
    }

    @Test
    void refusesAModelStabilityDoesNotOfferHereWithoutCallingIt() {
        assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> generate(order("sdxl-turbo")))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo("invalid_request");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("sdxl-turbo", "core", "ultra", "sd3.5-large", "sd3.5-medium",
                            "stable-diffusion-xl-1024-v1-0");
                });
        assertThat(stability.getAllServeEvents()).isEmpty();
    }

    private GeneratedBatch generate(GenerationOrder order) {
        return provider.generate(order, (percent, message) -> {
        });
    }

    private static LoggedRequest received(String path) {
        var requests = stability.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }
}
