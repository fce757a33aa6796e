package dev.imagepipeline.generation.provider.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.PROMPT;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.SCHNELL_PATH;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.TOKEN;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.generation.provider.ProviderException;

/** What each model is sent: endpoint, headers and inputs, per the contract fixtures and NOTES.md §1.2. */
class ReplicateRequestTests {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ReplicateStubs replicate;

    @BeforeEach
    void stubReplicate() {
        replicate = new ReplicateStubs(server);
        replicate.created("prediction-succeeded.json");
    }

    @Nested
    class FluxSchnell {

        @Test
        void createsOnTheOfficialModelAndWaitsForItInline() {
            var batch = replicate.generate(replicate.provider(), ReplicateStubs.schnell(1));

            server.verify(postRequestedFor(urlPathEqualTo(SCHNELL_PATH))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withHeader("Content-Type", equalTo("application/json"))
                    .withHeader("Prefer", equalTo("wait=30"))
                    .withHeader("Cancel-After", equalTo("660s"))
                    .withRequestBody(equalToJson("""
                            {"input": {"prompt": "%s", "aspect_ratio": "1:1", "megapixels": "1", "num_outputs": 1,
                                       "num_inference_steps": 4, "seed": 42, "output_format": "png"}}
                            """.formatted(PROMPT))));
            assertThat(batch.model()).isEqualTo("flux-schnell");
            assertThat(batch.seed()).isEqualTo(42);
            assertThat(batch.images()).hasSize(1);
            assertThat(batch.warnings()).isEmpty();
            assertThat(batch.providerInput()).isEqualTo(Map.of("aspect_ratio", "1:1", "megapixels", "1", "num_outputs",
                    1, "num_inference_steps", 4, "seed", 42L, "output_format", "png"));
            server.verify(0, getRequestedFor(urlPathMatching("/v1/.*")));
        }

        @Test
        void asksForAQuarterMegapixelFor512() {
            replicate.generate(replicate.provider(),
                    order("flux-schnell", "", new ModelSettings(512, 512, 1, null, 4, 42)));

            assertThat(input(onlyCreate())).containsEntry("megapixels", "0.25");
        }

        @Test
        void sendsOnlyFieldsTheContractFixtureDocuments() {
            replicate.generate(replicate.provider(), ReplicateStubs.schnell(1));

            assertDocumented(onlyCreate(), "create-prediction-request-flux-schnell.json");
        }

        @Test
        void warnsAboutWhatSchnellCannotTakeAndLeavesItOut() {
            var batch = replicate.generate(replicate.provider(),
                    order("flux-schnell", "blurry", new ModelSettings(768, 768, 1, 3.5, 12, 42)));

            assertThat(input(onlyCreate())).containsEntry("megapixels", "1")
                    .containsEntry("num_inference_steps", 4)
                    .doesNotContainKeys("negative_prompt", "guidance", "guidance_scale", "width", "height");
            assertThat(batch.warnings()).containsExactlyInAnyOrder(
                    "flux-schnell takes no negative prompt: it was not sent.",
                    "flux-schnell takes no guidance: it was not sent.",
                    "flux-schnell takes 1 to 4 steps: it was sent 4 instead of 12.",
                    "flux-schnell draws 512x512 or 1024x1024 only: it drew 1024x1024 instead of 768x768.");
        }
    }

    @Test
    void sendsFluxDevItsGuidanceAndStepsWithoutWaitingInline() {
        replicate.generate(replicate.provider(), order("flux-dev", "", new ModelSettings(1024, 1024, 2, 3.5, 28, 7)));

        server.verify(postRequestedFor(urlPathEqualTo("/v1/models/black-forest-labs/flux-dev/predictions"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withoutHeader("Prefer")
                .withRequestBody(equalToJson("""
                        {"input": {"prompt": "%s", "aspect_ratio": "1:1", "megapixels": "1", "num_outputs": 2,
                                   "num_inference_steps": 28, "guidance": 3.5, "seed": 7, "output_format": "png"}}
                        """.formatted(PROMPT))));
    }

    @Nested
    class FluxPro {

        @Test
        void makesOnePredictionPerImageWithConsecutiveSeeds() {
            replicate.created("prediction-succeeded-flux-1.1-pro.json");

            var batch = replicate.generate(replicate.provider(),
                    order("flux-1.1-pro", "", new ModelSettings(1024, 768, 2, null, null, 42)));

            for (long seed : new long[]{42, 43}) {
                server.verify(postRequestedFor(urlPathEqualTo("/v1/models/black-forest-labs/flux-1.1-pro/predictions"))
                        .withoutHeader("Prefer")
                        .withRequestBody(equalToJson("""
                                {"input": {"prompt": "%s", "aspect_ratio": "custom", "width": 1024, "height": 768,
                                           "seed": %d, "output_format": "png"}}
                                """.formatted(PROMPT, seed))));
            }
            assertThat(batch.images()).hasSize(2);
            assertThat(batch.warnings()).containsExactly(
                    "flux-1.1-pro makes one image per prediction: 2 predictions were made, with seeds 42, 43.");
            assertThat(replicate.progress).containsSubsequence("0% prediction q6w3k9r2hdrm80cm1b2tzx4a7c started",
                    "50% prediction q6w3k9r2hdrm80cm1b2tzx4a7c succeeded in 4.2s",
                    "50% prediction q6w3k9r2hdrm80cm1b2tzx4a7c started",
                    "100% prediction q6w3k9r2hdrm80cm1b2tzx4a7c succeeded in 4.2s");
        }

        @Test
        void sendsOnlyFieldsTheContractFixtureDocuments() {
            replicate.created("prediction-succeeded-flux-1.1-pro.json");

            replicate.generate(replicate.provider(),
                    order("flux-1.1-pro", "", new ModelSettings(1024, 1024, 1, null, null, 42)));

            assertDocumented(onlyCreate(), "create-prediction-request-flux-1.1-pro.json");
        }
    }

    @Nested
    class Sdxl {

        @Test
        void createsOnTheConfiguredVersionWithEveryInputItTakes() {
            replicate.generate(replicate.provider(),
                    order("sdxl", "blurry, watermark", new ModelSettings(1024, 1024, 1, 7.5, 30, 424242)));

            server.verify(postRequestedFor(urlPathEqualTo("/v1/predictions"))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .withoutHeader("Prefer")
                    .withRequestBody(equalToJson("""
                            {"version": "%s",
                             "input": {"prompt": "%s", "negative_prompt": "blurry, watermark", "width": 1024,
                                       "height": 1024, "num_outputs": 1, "num_inference_steps": 30,
                                       "guidance_scale": 7.5, "seed": 424242}}
                            """.formatted(ReplicateStubs.SDXL_VERSION, PROMPT))));
        }

        @Test
        void leavesOutAnEmptyNegativePromptAndAbsentGuidanceAndSteps() {
            replicate.generate(replicate.provider(), order("sdxl", "", new ModelSettings(768, 768, 1, null, null, 5)));

            assertThat(input(onlyCreate())).containsOnlyKeys("prompt", "width", "height", "num_outputs", "seed");
        }

        @Test
        void sendsOnlyFieldsTheContractFixtureDocuments() {
            replicate.generate(replicate.provider(),
                    order("sdxl", "blurry", new ModelSettings(1024, 1024, 1, 7.5, 30, 1)));

            assertDocumented(onlyCreate(), "create-prediction-request.json");
        }
    }

    @Test
    void triesAnUnknownOwnerAndNameAsAnOfficialModel() {
        var batch = replicate.generate(replicate.provider(),
                order("acme/product-shot", "", new ModelSettings(512, 512, 1, 4.0, 20, 9)));

        server.verify(postRequestedFor(urlPathEqualTo("/v1/models/acme/product-shot/predictions"))
                .withRequestBody(equalToJson("""
                        {"input": {"prompt": "%s", "width": 512, "height": 512, "num_inference_steps": 20,
                                   "guidance_scale": 4.0, "seed": 9}}
                        """.formatted(PROMPT))));
        assertThat(batch.model()).isEqualTo("acme/product-shot");
        assertThat(batch.warnings()).singleElement().asString().contains("not one this provider knows");
    }

    @Test
    void refusesAnUnknownModelWithoutAnOwner() {
        assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> replicate.generate(replicate.provider(),
                order("dall-e", "", new ModelSettings(1024, 1024, 1, null, null, 1)))).satisfies(e -> {
                    assertThat(e.reason()).isEqualTo("invalid_request");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("dall-e");
                });
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    private static LoggedRequest onlyCreate() {
        var creates = server.findAll(postRequestedFor(urlPathMatching("/v1/(models/.+/)?predictions")));
        assertThat(creates).hasSize(1);
        return creates.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> input(LoggedRequest request) {
        return (Map<String, Object>) Fixtures.json(request.getBodyAsString()).get("input");
    }

    @SuppressWarnings("unchecked")
    private static void assertDocumented(LoggedRequest request, String fixture) {
        var documented = Fixtures.fields(fixture);
        var sent = Fixtures.json(request.getBodyAsString());
        assertThat(documented).containsKeys(sent.keySet().toArray(String[]::new));
        assertThat((Map<String, Object>) documented.get("input"))
                .containsKeys(input(request).keySet().toArray(String[]::new));
    }
}
