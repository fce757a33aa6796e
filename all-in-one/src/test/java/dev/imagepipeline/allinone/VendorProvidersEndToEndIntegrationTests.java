package dev.imagepipeline.allinone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import tools.jackson.databind.JsonNode;

/**
 * Jobs on real vendor clients, in the runner with its real broker, against local stub servers standing in for
 * Hugging Face and Stability AI: the prompt shaped for the model reaches the vendor, the images come back through the
 * image store, a filtered image fails its job, and a failing vendor hands the job to the fallback.
 */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.runner.broker-port=0", "pipeline.generation-worker.resilience.initial-backoff=10ms",
        "pipeline.generation-worker.fallback=huggingface,local"})
class VendorProvidersEndToEndIntegrationTests {

    private static final String HF_TOKEN = "hf_e2e_secret_token";
    private static final String STABILITY_KEY = "sk-e2e-secret-key";
    private static final WireMockServer vendors = RunnerClient.startedServer();

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private RunnerClient runner;

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("pipeline.generation-worker.huggingface.api-token", () -> HF_TOKEN);
        registry.add("pipeline.generation-worker.huggingface.base-url", vendors::baseUrl);
        registry.add("pipeline.generation-worker.stability.api-token", () -> STABILITY_KEY);
        registry.add("pipeline.generation-worker.stability.base-url", vendors::baseUrl);
    }

    @BeforeEach
    void connect() {
        runner = new RunnerClient(port);
    }

    @AfterAll
    static void stop() {
        vendors.stop();
    }

    @Test
    void generatesOnHuggingFaceWithThePromptShapedForFlux() throws Exception {
        vendors.stubFor(post(urlEqualTo("/models/black-forest-labs/FLUX.1-schnell")).willReturn(png(512)));

        JsonNode job = runner.finished(runner.submit("""
                {"description":"ceramic pour-over coffee dripper","category":"kitchenware","style":"studio",
                 "provider":"huggingface","model":"black-forest-labs/FLUX.1-schnell",
                 "settings":{"num_images":2,"resolution":"512x512","seed":42}}
                """), Duration.ofSeconds(60));

        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("provider").asString()).isEqualTo("huggingface");
        assertThat(job.get("images")).hasSize(2);
        for (JsonNode image : job.get("images")) {
            assertThat(runner.decodedWidth(image.get("url").asString())).isEqualTo(512);
        }
        assertThat(job.get("warnings").toString()).contains("FLUX.1 [schnell] takes no negative prompt");
        vendors.verify(2,
                postRequestedFor(urlEqualTo("/models/black-forest-labs/FLUX.1-schnell"))
                        .withHeader("Authorization", equalTo("Bearer " + HF_TOKEN))
                        .withRequestBody(matchingJsonPath("$.inputs", equalTo(job.get("prompt").asString())))
                        .withRequestBody(matchingJsonPath("$.parameters.num_inference_steps", equalTo("4"))));
        vendors.verify(0, postRequestedFor(urlEqualTo("/models/black-forest-labs/FLUX.1-schnell"))
                .withRequestBody(matchingJsonPath("$.parameters.negative_prompt")));
        assertNoSecretOnTheCompletionTopic();
    }

    @Test
    void failsAJobWhoseImageStabilityFiltered() throws Exception {
        vendors.stubFor(post(urlEqualTo("/v2beta/stable-image/generate/core")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(
                        """
                                {"image":"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
                                 "finish_reason":"CONTENT_FILTERED","seed":7}""")));

        JsonNode job = runner.finished(runner.submit("""
                {"description":"leather wallet","category":"apparel","style":"minimal","provider":"stability",
                 "settings":{"resolution":"1024x1024"}}
                """), Duration.ofSeconds(60));

        assertThat(job.get("status").asString()).isEqualTo("failed");
        assertThat(job.get("errorCode").asString()).isEqualTo("content_filtered");
        assertThat(job.get("images")).isEmpty();
        assertNoSecretOnTheCompletionTopic();
    }

    @Test
    void handsAJobToTheFallbackWhenItsVendorKeepsFailing() throws Exception {
        vendors.stubFor(post(urlEqualTo("/models/black-forest-labs/FLUX.1-dev"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"internal\"}")));

        JsonNode job = runner.finished(runner.submit("""
                {"description":"brass desk lamp","category":"home_decor","style":"studio","provider":"huggingface",
                 "model":"black-forest-labs/FLUX.1-dev","settings":{"resolution":"512x512"}}
                """), Duration.ofSeconds(60));

        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("provider").asString()).isEqualTo("local");
        assertThat(job.get("warnings").toString())
                .contains("huggingface/black-forest-labs/FLUX.1-dev failed (provider_error", "local took over");
        vendors.verify(3, postRequestedFor(urlEqualTo("/models/black-forest-labs/FLUX.1-dev")));
    }

    private void assertNoSecretOnTheCompletionTopic() {
        var records = new TopicProbe(bootstrapServers).readAll(Topics.JOB_EVENTS, Duration.ofSeconds(5));
        assertThat(records).isNotEmpty()
                .allSatisfy(record -> assertThat(record.value()).doesNotContain(HF_TOKEN, STABILITY_KEY));
    }

    private static ResponseDefinitionBuilder png(int side) {
        return aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(RunnerClient.png(side));
    }
}
