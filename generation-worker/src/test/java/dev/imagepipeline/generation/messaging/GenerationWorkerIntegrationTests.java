package dev.imagepipeline.generation.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.generation.GenerationWorkerApplication;
import dev.imagepipeline.generation.provider.TestImages;
import dev.imagepipeline.kafka.Cancellations;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = GenerationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GenerationWorkerIntegrationTests {

    private static final KraftBroker broker = KraftBroker.shared();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(GenerationWorkerIntegrationTests.class);

    @LocalServerPort
    int port;

    @Autowired
    Cancellations cancellations;

    /** Replicate's file host, for the outputs of the predictions the callbacks tell of. */
    @RegisterExtension
    static final WireMockExtension replicate = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        Path images = Files.createTempDirectory("generation-worker-images-");
        registry.add("pipeline.generation-worker.images.directory", images::toString);
        registry.add("pipeline.generation-worker.replicate.api-token", () -> "r8_integration");
        registry.add("pipeline.generation-worker.replicate.base-url", replicate::baseUrl);
    }

    @Test
    void publishesProgressAndSucceededWithServableImagesForAPreparedPrompt() throws Exception {
        String jobId = UUID.randomUUID().toString();

        probe.send(Topics.PROMPTS_INTERACTIVE, jobId, prepared(jobId, "local"));

        var events = probe.readUntil(Topics.JOB_EVENTS,
                r -> r.key().equals(jobId) && r.value().contains("\"type\":\"succeeded\""), TIMEOUT);
        var ofJob = events.stream().filter(r -> r.key().equals(jobId)).map(r -> r.value()).toList();
        assertThat(ofJob.getFirst()).contains("\"type\":\"progress\"", "generating with local/preview");
        assertThat(ofJob.getLast()).contains("\"type\":\"succeeded\"", "\"seed\":5");
        var url = JsonMapper.builder().build().readTree(ofJob.getLast()).get("images").get(0).get("url").asString();
        var image = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + URI.create(url).getPath()))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Nested
    class ForAMarketplace {

        @Test
        void deliversAWhiteBackgroundImageThatPassesEveryAmazonRuleWithItsRecordAndCost() throws Exception {
            String jobId = UUID.randomUUID().toString();

            probe.send(Topics.PROMPTS_INTERACTIVE, jobId, forAmazon(jobId, "white_background", false));

            var succeeded = succeeded(jobId);
            log.info("The succeeded event of a white_background job for amazon_main: {}", succeeded);
            assertThat(succeeded.get("cost").get("usd").decimalValue()).isZero();
            assertThat(succeeded.get("cost").get("basis").asString()).startsWith("local/preview: 1 image of 1024x1024");
            var image = succeeded.get("images").get(0);
            assertThat(image.has("originalUrl")).isFalse();
            var record = image.get("record");
            assertThat(record.get("description").asString()).isEqualTo("ceramic pour-over coffee dripper");
            assertThat(record.get("category").asString()).isEqualTo("kitchenware");
            assertThat(record.get("style").asString()).isEqualTo("white_background");
            assertThat(record.get("marketplace").asString()).isEqualTo("amazon_main");
            assertThat(record.get("provider").asString()).isEqualTo("local");
            assertThat(record.get("model").asString()).isEqualTo("preview");
            assertThat(record.get("prompt").asString()).startsWith("Professional product photography");
            assertThat(record.get("negativePrompt").asString()).isEqualTo("text, watermark");
            assertThat(record.get("seed").asLong()).isEqualTo(42);
            assertThat(record.get("settings").get("width").asInt()).isEqualTo(1024);
            assertThat(record.get("providerInput").get("marketplace").asString()).isEqualTo("amazon_main");
            assertThat(record.get("index").asInt()).isZero();
            assertThat(record.get("warnings").get(0).asString()).isEqualTo("the preview ignores the negative prompt");
            assertThat(record.get("cost").get("usd").decimalValue()).isZero();
            assertThat(record.get("timings").get("generationMillis").asLong()).isNotNegative();
            assertThat(record.get("timings").has("complianceMillis")).isTrue();
            var compliance = record.get("compliance");
            assertThat(compliance.get("passed").asBoolean()).isTrue();
            assertThat(compliance.get("original").get("rules")).hasSize(6)
                    .allSatisfy(rule -> assertThat(rule.get("passed").asBoolean()).as(rule.toString()).isTrue());
            assertThat(compliance.get("fixes")).isEmpty();
            assertThat(fetch(image.get("url").asString())).startsWith(0x89, 'P', 'N', 'G');
        }

        @Test
        void fixesAMinimalImageAndKeepsTheOriginalWhenAskedTo() throws Exception {
            String jobId = UUID.randomUUID().toString();

            probe.send(Topics.PROMPTS_INTERACTIVE, jobId, forAmazon(jobId, "minimal", true));

            var image = succeeded(jobId).get("images").get(0);
            var compliance = image.get("record").get("compliance");
            assertThat(compliance.get("original").get("passed").asBoolean()).isFalse();
            assertThat(compliance.get("original").get("rules").get(0).get("rule").asString()).isEqualTo("background");
            assertThat(compliance.get("original").get("rules").get(0).get("passed").asBoolean()).isFalse();
            assertThat(compliance.get("fixes").get(0).get("fix").asString()).isEqualTo("snap_background");
            assertThat(compliance.get("fixed").get("passed").asBoolean()).isTrue();
            assertThat(compliance.get("passed").asBoolean()).isTrue();
            var fixed = fetch(image.get("url").asString());
            var original = fetch(image.get("originalUrl").asString());
            assertThat(fixed).startsWith(0x89, 'P', 'N', 'G').isNotEqualTo(original);
            assertThat(original).startsWith(0x89, 'P', 'N', 'G');
        }

        private JsonNode succeeded(String jobId) {
            return probe
                    .readUntil(Topics.JOB_EVENTS,
                            r -> r.key().equals(jobId) && r.value().contains("\"type\":\"succeeded\""), TIMEOUT)
                    .stream()
                    .filter(r -> r.key().equals(jobId))
                    .map(r -> JsonMapper.builder().build().readTree(r.value()))
                    .toList()
                    .getLast();
        }

        private static String forAmazon(String jobId, String style, boolean autofix) {
            return """
                    {"type":"prompt_prepared","jobId":"%s","at":"2026-11-27T10:15:30Z",
                     "description":"ceramic pour-over coffee dripper","category":"kitchenware","style":"%s",
                     "prompt":"Professional product photography of ceramic pour-over coffee dripper",
                     "negativePrompt":"text, watermark",
                     "settings":{"width":1024,"height":1024,"numImages":1,"guidanceScale":null,
                     "numInferenceSteps":null,"seed":42},
                     "provider":"local","model":"preview","lane":"interactive","callbackUrl":null,
                     "marketplace":"amazon_main","warnings":["the preview ignores the negative prompt"],
                     "autofix":%s}
                    """.formatted(jobId, style, autofix);
        }
    }

    private byte[] fetch(String url) throws Exception {
        var response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + URI.create(url).getPath()))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void failsAJobWhoseProviderIsNotConfigured() {
        String jobId = UUID.randomUUID().toString();

        probe.send(Topics.PROMPTS_BULK, jobId, prepared(jobId, "stability"));

        assertThat(probe.readUntil(Topics.JOB_EVENTS,
                r -> r.key().equals(jobId) && r.value().contains("\"type\":\"failed\""), TIMEOUT))
                .filteredOn(r -> r.key().equals(jobId))
                .last()
                .satisfies(r -> assertThat(r.value()).contains("unknown_provider"));
    }

    @Test
    void deadLettersAPoisonRecordAndMovesOn() {
        String poison = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();

        probe.send(Topics.PROMPTS_INTERACTIVE, poison, "[1, 2, 3]");
        probe.send(Topics.PROMPTS_INTERACTIVE, next, prepared(next, "local"));

        assertThat(probe.readUntilKeys(Topics.deadLetter(Topics.PROMPTS_INTERACTIVE), List.of(poison), TIMEOUT))
                .extracting(r -> r.value())
                .contains("[1, 2, 3]");
        assertThat(probe.readUntil(Topics.JOB_EVENTS,
                r -> r.key().equals(next) && r.value().contains("\"type\":\"succeeded\""), TIMEOUT))
                .anyMatch(r -> r.key().equals(next) && r.value().contains("succeeded"));
    }

    @Test
    void finishesASubmittedJobFromItsRelayedCallback() throws Exception {
        String jobId = UUID.randomUUID().toString();
        replicate.stubFor(get("/files/out-0.png")
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(TestImages.png(40, 30))));
        String prediction = """
                {"id":"p1","model":"black-forest-labs/flux-schnell","status":"succeeded",
                 "input":{"prompt":"a walnut desk organizer","num_outputs":1,"seed":9},
                 "output":["%s/files/out-0.png"],"metrics":{"predict_time":1.25}}
                """.formatted(replicate.baseUrl());

        probe.send(Topics.PROVIDER_CALLBACKS, jobId, callback(jobId, prediction));

        var succeeded = probe
                .readUntil(Topics.JOB_EVENTS, r -> r.key().equals(jobId) && r.value().contains("\"succeeded\""),
                        TIMEOUT)
                .stream()
                .filter(r -> r.key().equals(jobId))
                .map(r -> JsonMapper.builder().build().readTree(r.value()))
                .toList()
                .getLast();
        assertThat(succeeded.get("provider").asString()).isEqualTo("replicate");
        assertThat(succeeded.get("model").asString()).isEqualTo("flux-schnell");
        assertThat(succeeded.get("seed").asLong()).isEqualTo(9);
        assertThat(succeeded.get("runs").get(0).get("id").asString()).isEqualTo("p1");
        assertThat(succeeded.get("runs").get(0).get("computeMillis").asLong()).isEqualTo(1250);
        var url = URI.create(succeeded.get("images").get(0).get("url").asString());
        assertThat(url.getPath()).startsWith("/api/images/");
        var image = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + url.getPath())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.body()).isEqualTo(TestImages.png(40, 30));
    }

    @Test
    void doesNotGenerateAJobARelayedResultEndedAlready() {
        String jobId = UUID.randomUUID().toString();
        String relayed = """
                {"job":"%s","status":"succeeded","model":"stable-image-core","seed":3,
                 "images":[{"base64":"%s","contentType":"image/png"}]}""".formatted(jobId,
                Base64.getEncoder().encodeToString(TestImages.png(24, 24)));
        probe.send(Topics.PROVIDER_CALLBACKS, jobId,
                callback(jobId, relayed).replace("\"provider\":\"replicate\"", "\"provider\":\"stability\""));
        probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(jobId) && r.value().contains("\"succeeded\""), TIMEOUT);
        String fence = UUID.randomUUID().toString();

        probe.send(Topics.PROMPTS_INTERACTIVE, jobId, prepared(jobId, "local"));
        probe.send(Topics.PROMPTS_INTERACTIVE, fence, prepared(fence, "local"));

        probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(fence) && r.value().contains("\"succeeded\""), TIMEOUT);
        assertThat(probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(2))).filteredOn(r -> r.key().equals(jobId))
                .extracting(r -> JsonMapper.builder().build().readTree(r.value()).get("type").asString())
                .containsExactly("succeeded");
    }

    @Test
    void deadLettersACallbackItCannotReadAndLeavesItsJobAlone() {
        String unreadable = UUID.randomUUID().toString();
        String poison = UUID.randomUUID().toString();

        probe.send(Topics.PROVIDER_CALLBACKS, unreadable, callback(unreadable, "<html>Bad gateway</html>"));
        probe.send(Topics.PROVIDER_CALLBACKS, poison, "[1, 2, 3]");

        assertThat(
                probe.readUntilKeys(Topics.deadLetter(Topics.PROVIDER_CALLBACKS), List.of(unreadable, poison), TIMEOUT))
                .extracting(r -> r.key())
                .contains(unreadable, poison);
        assertThat(probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(2))).extracting(r -> r.key())
                .doesNotContain(unreadable, poison);
    }

    @Test
    void skipsAJobCanceledWhileItWaited() {
        String canceled = UUID.randomUUID().toString();
        String fence = UUID.randomUUID().toString();
        probe.send(Topics.CANCELLATIONS, canceled, cancellation(canceled));
        await().atMost(TIMEOUT).until(() -> cancellations.canceled(JobId.parse(canceled)));

        probe.send(Topics.PROMPTS_INTERACTIVE, canceled, prepared(canceled, "local"));
        probe.send(Topics.PROMPTS_INTERACTIVE, fence, prepared(fence, "local"));

        probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(fence) && r.value().contains("\"succeeded\""), TIMEOUT);
        assertThat(probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(2))).extracting(r -> r.key())
                .doesNotContain(canceled);
    }

    @Test
    void stopsARunningJobWhenItIsCanceledAndCancelsItsPrediction() {
        String jobId = UUID.randomUUID().toString();
        replicate.stubFor(post(urlPathMatching("/v1/models/.+/predictions"))
                .willReturn(okJson("{\"id\":\"slow-1\",\"status\":\"starting\"}").withStatus(201)));
        replicate.stubFor(
                get("/v1/predictions/slow-1").willReturn(okJson("{\"id\":\"slow-1\",\"status\":\"processing\"}")));
        replicate.stubFor(post("/v1/predictions/slow-1/cancel")
                .willReturn(okJson("{\"id\":\"slow-1\",\"status\":\"canceled\"}")));

        probe.send(Topics.PROMPTS_INTERACTIVE, jobId, prepared(jobId, "replicate"));
        await().atMost(TIMEOUT)
                .until(() -> !replicate.findAll(getRequestedFor(urlPathEqualTo("/v1/predictions/slow-1"))).isEmpty());
        probe.send(Topics.CANCELLATIONS, jobId, cancellation(jobId));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> replicate.verify(1, postRequestedFor(urlPathEqualTo("/v1/predictions/slow-1/cancel"))));
        assertThat(probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(3))).filteredOn(r -> r.key().equals(jobId))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.value()).contains("\"type\":\"progress\""));
    }

    private static String cancellation(String jobId) {
        return """
                {"jobId":"%s","at":"%s","provider":null,"predictionId":null}""".formatted(jobId, Instant.now());
    }

    private static String callback(String jobId, String body) {
        return JsonMapper.builder()
                .build()
                .writeValueAsString(Map.of("jobId", jobId, "receivedAt", "2026-11-27T10:15:40Z", "provider",
                        "replicate", "deliveryId", "msg_" + jobId, "body", body));
    }

    private static String prepared(String jobId, String provider) {
        return """
                {"type":"prompt_prepared","jobId":"%s","at":"2026-11-27T10:15:30Z",
                 "description":"walnut desk organizer","category":"furniture","style":"studio",
                 "prompt":"Professional product photography of walnut desk organizer","negativePrompt":"blurry",
                 "settings":{"width":512,"height":512,"numImages":1,"guidanceScale":7.5,"numInferenceSteps":30,
                 "seed":5},
                 "provider":"%s","model":null,"lane":"interactive","callbackUrl":null}
                """.formatted(jobId, provider);
    }
}
