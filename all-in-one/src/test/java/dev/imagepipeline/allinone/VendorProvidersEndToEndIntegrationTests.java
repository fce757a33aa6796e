package dev.imagepipeline.allinone;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
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
import tools.jackson.databind.json.JsonMapper;

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
    private static final WireMockServer vendors = started();

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("pipeline.generation-worker.huggingface.api-token", () -> HF_TOKEN);
        registry.add("pipeline.generation-worker.huggingface.base-url", vendors::baseUrl);
        registry.add("pipeline.generation-worker.stability.api-token", () -> STABILITY_KEY);
        registry.add("pipeline.generation-worker.stability.base-url", vendors::baseUrl);
    }

    @AfterAll
    static void stop() {
        vendors.stop();
    }

    @Test
    void generatesOnHuggingFaceWithThePromptShapedForFlux() throws Exception {
        vendors.stubFor(post(urlEqualTo("/models/black-forest-labs/FLUX.1-schnell")).willReturn(png(512)));

        JsonNode job = finished(submit("""
                {"description":"ceramic pour-over coffee dripper","category":"kitchenware","style":"studio",
                 "provider":"huggingface","model":"black-forest-labs/FLUX.1-schnell",
                 "settings":{"num_images":2,"resolution":"512x512","seed":42}}
                """));

        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("provider").asString()).isEqualTo("huggingface");
        assertThat(job.get("images")).hasSize(2);
        for (JsonNode image : job.get("images")) {
            assertThat(decodedWidth(image.get("url").asString())).isEqualTo(512);
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

        JsonNode job = finished(submit("""
                {"description":"leather wallet","category":"apparel","style":"minimal","provider":"stability",
                 "settings":{"resolution":"1024x1024"}}
                """));

        assertThat(job.get("status").asString()).isEqualTo("failed");
        assertThat(job.get("errorCode").asString()).isEqualTo("content_filtered");
        assertThat(job.get("images")).isEmpty();
        assertNoSecretOnTheCompletionTopic();
    }

    @Test
    void handsAJobToTheFallbackWhenItsVendorKeepsFailing() throws Exception {
        vendors.stubFor(post(urlEqualTo("/models/black-forest-labs/FLUX.1-dev"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":\"internal\"}")));

        JsonNode job = finished(submit("""
                {"description":"brass desk lamp","category":"home_decor","style":"studio","provider":"huggingface",
                 "model":"black-forest-labs/FLUX.1-dev","settings":{"resolution":"512x512"}}
                """));

        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("provider").asString()).isEqualTo("local");
        assertThat(job.get("warnings").toString())
                .contains("huggingface/black-forest-labs/FLUX.1-dev failed (provider_error", "local took over");
        vendors.verify(3, postRequestedFor(urlEqualTo("/models/black-forest-labs/FLUX.1-dev")));
    }

    private String submit(String body) throws IOException, InterruptedException {
        var accepted = http.send(HttpRequest.newBuilder(uri("/api/generate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return json.readTree(accepted.body()).get("id").asString();
    }

    private JsonNode finished(String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var response = http.send(HttpRequest.newBuilder(uri("/api/generate/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        }, job -> job != null && job.get("completedAt") != null);
    }

    private int decodedWidth(String url) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(uri(URI.create(url).getRawPath())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(response.body())).getWidth();
    }

    private void assertNoSecretOnTheCompletionTopic() {
        var records = new TopicProbe(bootstrapServers).readAll(Topics.JOB_EVENTS, Duration.ofSeconds(5));
        assertThat(records).isNotEmpty()
                .allSatisfy(record -> assertThat(record.value()).doesNotContain(HF_TOKEN, STABILITY_KEY));
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static WireMockServer started() {
        var server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    private static ResponseDefinitionBuilder png(int side) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB), "png", out);
            return aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(out.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
