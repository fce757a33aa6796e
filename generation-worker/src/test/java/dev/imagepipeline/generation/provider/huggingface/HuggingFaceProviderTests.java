package dev.imagepipeline.generation.provider.huggingface;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.awt.Color;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.UrlPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.VendorAccess;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;

class HuggingFaceProviderTests {

    @RegisterExtension
    static final WireMockExtension huggingFace = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static final String TOKEN = "hf_exampletoken0123456789";
    private static final String SDXL = "stabilityai/stable-diffusion-xl-base-1.0";
    private static final String SCHNELL = "black-forest-labs/FLUX.1-schnell";
    private static final String FLUX_DEV = "black-forest-labs/FLUX.1-dev";
    private static final String PROMPT = "studio product photo of a ceramic coffee mug on a white background";
    private static final byte[] IMAGE = HuggingFaceFixtures.png(1024, 1024, Color.WHITE);

    private final SteppingClock clock = new SteppingClock();
    private final SynchronousRuns synchronousRuns = new SynchronousRuns();
    private final List<String> progress = new ArrayList<>();
    private HuggingFaceProvider provider = provider(Duration.ofMinutes(5), Duration.ofSeconds(5));

    @Nested
    class Requests {

        @Test
        void postsTheSdxlRequestOfTheFixture() {
            var fixture = "text-to-image-request.json";
            answer(post(models(SDXL)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withHeader("Accept", equalTo("image/png"))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withRequestBody(equalToJson(HuggingFaceFixtures.wire(fixture))), image(IMAGE, "image/png"));

            var batch = generate(order(SDXL, HuggingFaceFixtures.value(fixture, "/inputs"),
                    HuggingFaceFixtures.value(fixture, "/parameters/negative_prompt"),
                    new ModelSettings(1024, 1024, 1, 7.5, 30, 424242)));

            assertThat(batch.images()).singleElement()
                    .usingRecursiveComparison()
                    .isEqualTo(new RenderedImage(IMAGE, "image/png", 1024, 1024));
            assertThat(batch.model()).isEqualTo(SDXL);
            assertThat(batch.seed()).isEqualTo(424242);
            assertThat(batch.warnings()).isEmpty();
        }

        @Test
        void recordsTheJobAsRunHereSoARelayedResultForItIsNotTakenToo() {
            answer(post(models(SDXL)), image(IMAGE, "image/png"));
            var order = order(SDXL, PROMPT, "", settings(1));

            generate(order);

            assertThat(synchronousRuns.ran(order.jobId())).isTrue();
            assertThat(synchronousRuns.ran(JobId.random())).isFalse();
        }

        @Test
        void postsTheFluxSchnellRequestOfTheFixture() {
            var fixture = "text-to-image-request-flux-schnell.json";
            answer(post(models(SCHNELL)).withRequestBody(equalToJson(HuggingFaceFixtures.wire(fixture))),
                    image(IMAGE, "image/png"));

            var batch = generate(order(SCHNELL, HuggingFaceFixtures.value(fixture, "/inputs"), "",
                    new ModelSettings(1024, 1024, 1, 0.0, 4, 424242)));

            assertThat(batch.images()).hasSize(1);
            assertThat(batch.warnings()).isEmpty();
        }

        @Test
        void leavesTheNegativePromptOutForFluxAndSaysSo() {
            answer(post(models(FLUX_DEV)).withRequestBody(equalToJson("""
                    {"inputs": "%s", "parameters": {"guidance_scale": 3.5, "num_inference_steps": 28,
                     "width": 1024, "height": 1024, "seed": 7}}""".formatted(PROMPT))), image(IMAGE, "image/png"));

            var batch = generate(
                    order(FLUX_DEV, PROMPT, "blurry, watermark", new ModelSettings(1024, 1024, 1, 3.5, 28, 7)));

            assertThat(batch.images()).hasSize(1);
            assertThat(batch.warnings()).singleElement().asString().contains(FLUX_DEV, "negative prompt");
        }

        @Test
        void leavesOutTheSettingsTheJobLeavesOpen() {
            answer(post(models(SDXL)).withRequestBody(equalToJson("""
                    {"inputs": "%s", "parameters": {"width": 1024, "height": 1024, "seed": 7}}""".formatted(PROMPT))),
                    image(IMAGE, "image/png"));

            assertThat(generate(order(SDXL, PROMPT, " ", new ModelSettings(1024, 1024, 1, null, null, 7))).images())
                    .hasSize(1);
        }

        @Test
        void asksForEachImageWithTheNextSeed() {
            var colors = List.of(Color.RED, Color.GREEN, Color.BLUE);
            for (int i = 0; i < colors.size(); i++) {
                answer(post(models(SDXL))
                        .withRequestBody(matchingJsonPath("$.parameters.seed", equalTo("" + (41 + i)))),
                        image(HuggingFaceFixtures.png(512, 512, colors.get(i)), "image/png"));
            }

            var batch = generate(order(SDXL, PROMPT, "", new ModelSettings(512, 512, 3, 7.5, 30, 41)));

            assertThat(batch.images()).extracting(RenderedImage::bytes)
                    .containsExactly(HuggingFaceFixtures.png(512, 512, Color.RED),
                            HuggingFaceFixtures.png(512, 512, Color.GREEN),
                            HuggingFaceFixtures.png(512, 512, Color.BLUE));
            assertThat(batch.seed()).isEqualTo(41);
            assertThat(batch.providerInput()).isEqualTo(
                    Map.of("guidance_scale", 7.5, "num_inference_steps", 30, "width", 512, "height", 512, "seed", 41L));
            assertThat(progress).containsExactly("33% Hugging Face generated image 1 of 3",
                    "66% Hugging Face generated image 2 of 3", "100% Hugging Face generated image 3 of 3");
        }

        @Test
        void sendsAModelItDoesNotKnowAsItsPath() {
            answer(post(models("acme/mug-diffusion")), error(404, "error-404.json"));

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> generate(order("acme/mug-diffusion", PROMPT, "", settings(1))))
                    .satisfies(failure -> {
                        assertThat(failure.reason()).isEqualTo("model_not_found");
                        assertThat(failure.retryable()).isFalse();
                        assertThat(failure.getMessage()).contains("acme/mug-diffusion", "Model not found");
                    });
        }

        @ParameterizedTest
        @ValueSource(strings = {"../../api/whoami", "a/b/c", "mug?wait_for_model=true", "acme/mug diffusion", ""})
        void refusesAModelIdThatIsNoRepositoryWithoutAsking(String model) {
            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> generate(order(model, PROMPT, "", settings(1))))
                    .satisfies(failure -> {
                        assertThat(failure.reason()).isEqualTo("invalid_request");
                        assertThat(failure.retryable()).isFalse();
                    });
            assertThat(huggingFace.getAllServeEvents()).isEmpty();
        }
    }

    @Nested
    class Images {

        @Test
        void takesTheImageTypeFromTheBytesWhateverTheContentTypeSays() {
            byte[] jpeg = HuggingFaceFixtures.jpeg(640, 480, Color.ORANGE);
            answer(post(models(SDXL)), image(jpeg, "application/octet-stream"));

            var image = generate(order(SDXL, PROMPT, "", new ModelSettings(640, 480, 1, 7.5, 30, 1))).images().get(0);

            assertThat(image).usingRecursiveComparison().isEqualTo(new RenderedImage(jpeg, "image/jpeg", 640, 480));
        }

        @Test
        void warnsWhenTheImageIsNotTheSizeAskedFor() {
            answer(post(models(SDXL)), image(HuggingFaceFixtures.png(1024, 1024, Color.GRAY), "image/png"));

            var batch = generate(order(SDXL, PROMPT, "", new ModelSettings(768, 768, 2, 7.5, 30, 1)));

            assertThat(batch.images()).extracting(RenderedImage::width).containsExactly(1024, 1024);
            assertThat(batch.warnings()).containsExactly(SDXL + " returned 1024x1024 images for the 768x768 asked for");
        }

        @Test
        void refusesJsonSentAsASuccess() {
            answer(post(models(SDXL)),
                    aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                            [{"generated_text": "a mug"}]"""));

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> generate(order(SDXL, PROMPT, "", settings(1))))
                    .satisfies(failure -> {
                        assertThat(failure.reason()).isEqualTo("malformed_response");
                        assertThat(failure.retryable()).isFalse();
                        assertThat(failure.getMessage()).contains("application/json", "generated_text");
                    });
        }

        @Test
        void refusesAnEmptySuccessButLetsItBeRetried() {
            answer(post(models(SDXL)), aResponse().withStatus(200).withHeader("Content-Type", "image/png"));

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> generate(order(SDXL, PROMPT, "", settings(1))))
                    .satisfies(failure -> {
                        assertThat(failure.reason()).isEqualTo("malformed_response");
                        assertThat(failure.retryable()).isTrue();
                        assertThat(failure.getMessage()).contains("empty body");
                    });
        }

        @Test
        void refusesAPngThatCannotBeRead() {
            byte[] cut = Arrays.copyOf(IMAGE, 12);
            answer(post(models(SDXL)), image(cut, "image/png"));

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> generate(order(SDXL, PROMPT, "", settings(1))))
                    .satisfies(failure -> assertThat(failure.reason()).isEqualTo("malformed_response"));
        }
    }

    @Nested
    class LoadingModel {

        @Test
        void waitsTheEstimatedTimeAndAsksAgain() {
            loadingOnce(SDXL, loading().withHeader("Content-Type", "application/json"));

            var batch = generate(order(SDXL, PROMPT, "", settings(1)));

            assertThat(batch.images()).hasSize(1);
            assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20));
            assertThat(progress).first().asString().isEqualTo("0% Hugging Face is loading " + SDXL + ", about 20 s");
        }

        @Test
        void waitsAsLongAsRetryAfterAsks() {
            loadingOnce(SDXL, loading().withHeader("Retry-After", "7"));

            generate(order(SDXL, PROMPT, "", settings(1)));

            assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(7));
        }

        @Test
        void waitsAtLeastASecondAndAtMostAMinuteAtATime() {
            loadingOnce(SDXL, aResponse().withStatus(503).withBody("""
                    {"error": "Model is currently loading", "estimated_time": 0.05}"""));
            loadingOnce(FLUX_DEV, aResponse().withStatus(503).withBody("""
                    {"error": "Model is currently loading", "estimated_time": 742.5}"""));

            generate(order(SDXL, PROMPT, "", settings(1)));
            generate(order(FLUX_DEV, PROMPT, "", settings(1)));

            assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(1));
        }

        @Test
        void givesUpWithModelLoadingOnceTheBudgetIsSpent() {
            provider = provider(Duration.ofSeconds(50), Duration.ofSeconds(5));
            answer(post(models(SDXL)), loading());

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> generate(order(SDXL, PROMPT, "", settings(1))))
                    .satisfies(failure -> {
                        assertThat(failure.reason()).isEqualTo("model_loading");
                        assertThat(failure.retryable()).isTrue();
                        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(20));
                        assertThat(failure.getMessage()).contains(SDXL);
                    });
            assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(20),
                    Duration.ofSeconds(10));
            assertThat(huggingFace.getAllServeEvents()).hasSize(4);
        }

        @Test
        void sharesTheBudgetAmongTheImagesOfAnOrder() {
            provider = provider(Duration.ofSeconds(30), Duration.ofSeconds(5));
            huggingFace.stubFor(post(models(SDXL)).inScenario("cold")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(loading())
                    .willSetStateTo("first image"));
            huggingFace.stubFor(post(models(SDXL)).inScenario("cold")
                    .whenScenarioStateIs("first image")
                    .willReturn(image(IMAGE, "image/png"))
                    .willSetStateTo("cold again"));
            huggingFace.stubFor(
                    post(models(SDXL)).inScenario("cold").whenScenarioStateIs("cold again").willReturn(loading()));

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> generate(order(SDXL, PROMPT, "", settings(2))))
                    .satisfies(failure -> assertThat(failure.reason()).isEqualTo("model_loading"));
            assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(20), Duration.ofSeconds(10));
        }

        @Test
        void doesNotWaitWithoutALoadingBudget() {
            provider = provider(Duration.ZERO, Duration.ofSeconds(5));
            answer(post(models(SDXL)), loading());

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> generate(order(SDXL, PROMPT, "", settings(1))))
                    .satisfies(failure -> assertThat(failure.reason()).isEqualTo("model_loading"));
            assertThat(clock.sleeps()).isEmpty();
        }

        @Test
        void takesAn503WithoutEstimateForTheProvidersOwnFailure() {
            answer(post(models(SDXL)), aResponse().withStatus(503).withHeader("Retry-After", "30").withBody("""
                    {"error": "Service Unavailable"}"""));

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> generate(order(SDXL, PROMPT, "", settings(1))))
                    .satisfies(failure -> {
                        assertThat(failure.reason()).isEqualTo("provider_error");
                        assertThat(failure.retryable()).isTrue();
                        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
                        assertThat(failure.getMessage()).contains("HTTP 503", "Service Unavailable");
                    });
            assertThat(clock.sleeps()).isEmpty();
        }

        private void loadingOnce(String model, ResponseDefinitionBuilder loading) {
            huggingFace.stubFor(post(models(model)).inScenario(model)
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(loading)
                    .willSetStateTo("loaded"));
            huggingFace.stubFor(post(models(model)).inScenario(model)
                    .whenScenarioStateIs("loaded")
                    .willReturn(image(IMAGE, "image/png")));
        }

        private static ResponseDefinitionBuilder loading() {
            return error(503, "error-503-loading.json");
        }
    }

    @Nested
    class Failures {

        @Test
        void reportsThrottlingWithTheWaitItAsksFor() {
            answer(post(models(SDXL)), error(429, "error-429.json").withHeader("Retry-After", "120"));

            assertThat(failure()).satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo("rate_limited");
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                assertThat(failure.getMessage()).contains("Rate limit reached");
            });
        }

        @Test
        void reportsThrottlingWithoutAWaitWhenNoneIsAsked() {
            answer(post(models(SDXL)), error(429, "error-429.json"));

            assertThat(failure()).satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo("rate_limited");
                assertThat(failure.retryAfter()).isNull();
            });
        }

        @Test
        void reportsSpentCredits() {
            answer(post(models(SDXL)), error(402, "error-402-credits.json"));

            assertThat(failure()).satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo("out_of_credits");
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.getMessage()).contains("exceeded your monthly included credits");
            });
        }

        @Test
        void reportsARejectedRequest() {
            answer(post(models(SDXL)), error(400, "error-400.json"));

            assertThat(failure()).satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo("invalid_request");
                assertThat(failure.retryable()).isFalse();
                assertThat(failure.getMessage()).contains("`inputs` must be a non-empty string");
            });
        }

        @ParameterizedTest
        @ValueSource(ints = {401, 403})
        void reportsARefusedToken(int status) {
            answer(post(models(SDXL)), aResponse().withStatus(status).withBody("""
                    {"error": "Invalid credentials in Authorization header"}"""));

            assertThat(failure()).satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo("provider_auth");
                assertThat(failure.retryable()).isFalse();
            });
        }

        @Test
        void reportsItsOwnFailureAsWorthAnotherTry() {
            answer(post(models(SDXL)), aResponse().withStatus(500).withBody("Internal Server Error"));

            assertThat(failure()).satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo("provider_error");
                assertThat(failure.retryable()).isTrue();
                assertThat(failure.getMessage()).contains("HTTP 500", "Internal Server Error");
            });
        }

        @Test
        void neverRepeatsTheTokenAnAnswerQuotes() {
            answer(post(models(SDXL)), aResponse().withStatus(401).withBody("""
                    {"error": "Invalid token %s"}""".formatted(TOKEN)));

            assertThat(failure().getMessage()).doesNotContain(TOKEN).contains("Invalid token ***");
        }

        @Test
        void reportsAnAnswerThatTakesTooLong() {
            provider = provider(Duration.ofMinutes(5), Duration.ofMillis(300));
            answer(post(models(SDXL)), image(IMAGE, "image/png").withFixedDelay(3_000));

            assertThat(failure()).satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo("provider_timeout");
                assertThat(failure.retryable()).isTrue();
            });
        }

        @Test
        void reportsAnUnreachableApi() throws IOException {
            int closed;
            try (var socket = new ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            provider = new HuggingFaceProvider(access(URI.create("http://127.0.0.1:" + closed), Duration.ofSeconds(5)),
                    Duration.ofMinutes(5), clock, clock, synchronousRuns);

            assertThat(failure()).satisfies(failure -> {
                assertThat(failure.reason()).isEqualTo("provider_error");
                assertThat(failure.retryable()).isTrue();
            });
        }

        private ProviderException failure() {
            try {
                generate(order(SDXL, PROMPT, "", settings(1)));
            } catch (ProviderException e) {
                return e;
            }
            throw new AssertionError("the order succeeded");
        }
    }

    @Test
    void namesItselfHuggingfaceWithSdxlAsDefaultModel() {
        assertThat(provider.name()).isEqualTo("huggingface");
        assertThat(provider.defaultModel()).isEqualTo(SDXL);
    }

    private HuggingFaceProvider provider(Duration maxLoadingWait, Duration readTimeout) {
        return new HuggingFaceProvider(access(URI.create(huggingFace.baseUrl() + "/hf-inference"), readTimeout),
                maxLoadingWait, clock, clock, synchronousRuns);
    }

    private static VendorAccess access(URI baseUrl, Duration readTimeout) {
        return new VendorAccess(baseUrl, TOKEN, Duration.ofSeconds(2), readTimeout);
    }

    private GeneratedBatch generate(GenerationOrder order) {
        return provider.generate(order, (percent, message) -> progress.add(percent + "% " + message));
    }

    private static void answer(MappingBuilder request, ResponseDefinitionBuilder response) {
        huggingFace.stubFor(request.willReturn(response));
    }

    private static UrlPattern models(String model) {
        return urlPathEqualTo("/hf-inference/models/" + model);
    }

    private static ResponseDefinitionBuilder image(byte[] bytes, String contentType) {
        return aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(bytes);
    }

    private static ResponseDefinitionBuilder error(int status, String fixture) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(HuggingFaceFixtures.wire(fixture));
    }

    private static ModelSettings settings(int images) {
        return new ModelSettings(1024, 1024, images, 7.5, 30, 424242);
    }

    private static GenerationOrder order(String model, String prompt, String negativePrompt, ModelSettings settings) {
        return new GenerationOrder(new JobId(UUID.fromString("5f0c7a52-8d43-4c1e-9a43-0b9f3c1d2e4f")), model, prompt,
                negativePrompt, settings, "ceramic coffee mug", Category.HOME_DECOR, Style.STUDIO);
    }
}
