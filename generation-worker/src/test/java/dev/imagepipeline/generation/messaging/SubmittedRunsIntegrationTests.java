package dev.imagepipeline.generation.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.generation.GenerationWorkerApplication;
import dev.imagepipeline.generation.job.SubmittedRuns;
import dev.imagepipeline.generation.provider.TestImages;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replicate predictions submitted in webhook mode whose webhooks never come, against a real broker and a Replicate stub:
 * a prompt read again is not submitted twice, a worker that starts after another submitted a run settles it, and a run
 * that never ends fails at its deadline and is canceled.
 */
class SubmittedRunsIntegrationTests {

    private static final KraftBroker broker = KraftBroker.startTemporary();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final TopicPartition INTERACTIVE = new TopicPartition(Topics.PROMPTS_INTERACTIVE, 0);
    private static final TopicPartition CALLBACKS = new TopicPartition(Topics.PROVIDER_CALLBACKS, 0);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Long enough that a worker never polls its run within a test. */
    private static final Duration NEVER = Duration.ofHours(1);

    @RegisterExtension
    static final WireMockExtension replicate = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void doesNotSubmitAPromptReadAgainWhoseRunIsOnTheCompletionTopic() throws Exception {
        var job = UUID.randomUUID().toString();
        String run = created(job);
        long offset;
        try (var first = worker(NEVER, Duration.ofMinutes(10))) {
            offset = sendPrompt(job);
            awaitEvent(job, "submitted");
            await().atMost(TIMEOUT).until(() -> committed() == offset + 1);
        }
        // As if the first worker had died after publishing the submission but before committing the prompt.
        rewind(offset);
        finishes(run);

        try (var second = worker(Duration.ofSeconds(1), Duration.ofMinutes(10))) {
            await().atMost(TIMEOUT).until(() -> committed() == offset + 1);
            assertThat(replicate.findAll(creates(job))).hasSize(1);

            assertThat(awaitEvent(job, "succeeded").get("runs").get(0).get("id").asString()).isEqualTo(run);
        }
        assertThat(types(job)).containsOnlyOnce("submitted", "succeeded");
        replicate.verify(1, creates(job));
    }

    @Test
    void doesNotEndAgainAJobWhoseCallbackIsReadAgainAfterARestart() throws Exception {
        var job = UUID.randomUUID().toString();
        String run = created(job);
        finishes(run);
        long offset;
        try (var first = worker(NEVER, Duration.ofMinutes(10))) {
            sendPrompt(job);
            awaitEvent(job, "submitted");
            // Replicate calls back seconds later; here the callback must not overtake the submission's reading.
            await().atMost(TIMEOUT).until(() -> first.getBean(SubmittedRuns.class).open(JobId.parse(job)).isPresent());
            offset = sendCallback(job, run);
            assertCarriesTheRecipesRecord(awaitEvent(job, "succeeded"));
            await().atMost(TIMEOUT).until(() -> committed(CALLBACKS) == offset + 1);
        }
        // As if the first worker had died after publishing the job's end but before committing its callback.
        rewind(CALLBACKS, offset);

        try (var second = worker(NEVER, Duration.ofMinutes(10))) {
            await().atMost(TIMEOUT).until(() -> committed(CALLBACKS) == offset + 1);
        }
        assertThat(types(job)).containsOnlyOnce("succeeded");
        replicate.verify(1, getRequestedFor(urlPathEqualTo("/files/" + run + ".png")));
    }

    @Test
    void settlesARunSubmittedByAWorkerThatStoppedBeforeItsWebhookCame() throws Exception {
        var job = UUID.randomUUID().toString();
        String run = created(job);
        try (var first = worker(NEVER, Duration.ofMinutes(10))) {
            long offset = sendPrompt(job);
            awaitEvent(job, "submitted");
            await().atMost(TIMEOUT).until(() -> committed() == offset + 1);
        }
        assertThat(replicate.findAll(getRequestedFor(urlPathEqualTo("/v1/predictions/" + run)))).isEmpty();
        finishes(run);

        try (var second = worker(Duration.ofSeconds(1), Duration.ofMinutes(10))) {
            var succeeded = awaitEvent(job, "succeeded");

            assertThat(succeeded.get("provider").asString()).isEqualTo("replicate");
            assertThat(succeeded.get("images")).hasSize(1);
        }
        replicate.verify(1, creates(job));
        assertThat(types(job)).containsOnlyOnce("succeeded");
    }

    @Test
    void pollsARunWhoseWebhookNeverComesAndCompletesItsJob() throws Exception {
        var job = UUID.randomUUID().toString();
        String run = created(job);
        finishes(run);

        try (var worker = worker(Duration.ofSeconds(1), Duration.ofMinutes(10))) {
            sendPrompt(job);

            var succeeded = awaitEvent(job, "succeeded");
            assertThat(succeeded.get("runs").get(0).get("id").asString()).isEqualTo(run);
            assertThat(succeeded.get("seed").asLong()).isEqualTo(5);
            assertCarriesTheRecipesRecord(succeeded);
        }
        replicate.verify(1, creates(job));
        replicate.verify(getRequestedFor(urlPathEqualTo("/v1/predictions/" + run)));
    }

    @Test
    void failsARunThatNeverEndsAtItsDeadlineAndCancelsIt() throws Exception {
        var job = UUID.randomUUID().toString();
        String run = created(job);
        replicate.stubFor(get(urlPathEqualTo("/v1/predictions/" + run))
                .willReturn(okJson("{\"id\":\"%s\",\"status\":\"processing\"}".formatted(run))));
        replicate.stubFor(post(urlPathEqualTo("/v1/predictions/" + run + "/cancel"))
                .willReturn(okJson("{\"id\":\"%s\",\"status\":\"canceled\"}".formatted(run))));

        try (var worker = worker(Duration.ofSeconds(1), Duration.ofSeconds(4))) {
            sendPrompt(job);

            var failed = awaitEvent(job, "failed");
            assertThat(failed.get("reason").asString()).isEqualTo("provider_timeout");
            assertThat(failed.get("message").asString()).contains(run, "had not ended 4 s after it was submitted",
                    "it was canceled");
        }
        replicate.verify(1, postRequestedFor(urlPathEqualTo("/v1/predictions/" + run + "/cancel")));
        replicate.verify(1, creates(job));
    }

    /** A webhook and a poll give the image the record its submission's recipe began, and flux-schnell's price. */
    private static void assertCarriesTheRecipesRecord(JsonNode succeeded) {
        assertThat(succeeded.get("cost").get("usd").decimalValue()).isEqualByComparingTo("0.003");
        var record = succeeded.get("images").get(0).get("record");
        assertThat(record.get("provider").asString()).isEqualTo("replicate");
        assertThat(record.get("model").asString()).isEqualTo("flux-schnell");
        assertThat(record.get("prompt").asString())
                .isEqualTo("Professional product photography of walnut desk organizer");
        var input = record.get("providerInput");
        assertThat(input.get("megapixels").asString()).isEqualTo("0.25");
        assertThat(input.get("num_outputs").asInt()).isEqualTo(1);
        assertThat(input.get("seed").asLong()).isEqualTo(5);
        assertThat(input.has("prompt")).isFalse();
        assertThat(record.get("cost").get("usd").decimalValue()).isEqualByComparingTo("0.003");
        assertThat(record.get("cost").get("basis").asString()).startsWith("replicate/flux-schnell: 1 image of ");
        assertThat(record.get("timings").get("computeMillis").asLong()).isEqualTo(1500);
    }

    private static ConfigurableApplicationContext worker(Duration callbackGrace, Duration maxWait) throws Exception {
        return new SpringApplicationBuilder(GenerationWorkerApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--server.port=0",
                "--pipeline.kafka.partitions=1", "--pipeline.kafka.bulk-partitions=1",
                "--pipeline.generation-worker.images.directory=" + Files.createTempDirectory("submitted-runs-images-"),
                "--pipeline.generation-worker.replicate.api-token=r8_integration",
                "--pipeline.generation-worker.replicate.base-url=" + replicate.baseUrl(),
                // Public, so that predictions are submitted with a webhook; nothing ever calls it.
                "--pipeline.generation-worker.replicate.webhook-base-url=https://images.example.com",
                "--pipeline.generation-worker.replicate.callback-grace=" + callbackGrace.toMillis() + "ms",
                "--pipeline.generation-worker.replicate.max-poll-interval=1s",
                "--pipeline.generation-worker.replicate.max-wait=" + maxWait.toMillis() + "ms");
    }

    /** Replicate accepts the job's prediction, whose webhook names the job. */
    private static String created(String job) {
        String run = "p" + job.replace("-", "").substring(0, 16);
        replicate.stubFor(createsFor(job)
                .willReturn(okJson("{\"id\":\"%s\",\"status\":\"starting\"}".formatted(run)).withStatus(201)));
        return run;
    }

    /** Polling the run finds it succeeded, with one image to copy. */
    private static void finishes(String run) {
        replicate.stubFor(get("/files/" + run + ".png")
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(TestImages.png(40, 30))));
        replicate.stubFor(get(urlPathEqualTo("/v1/predictions/" + run)).willReturn(okJson("""
                {"id":"%s","model":"black-forest-labs/flux-schnell","status":"succeeded",
                 "input":{"prompt":"a walnut desk organizer","num_outputs":1,"seed":5},
                 "output":["%s/files/%s.png"],"metrics":{"predict_time":1.5}}
                """.formatted(run, replicate.baseUrl(), run))));
    }

    private static MappingBuilder createsFor(String job) {
        return post(urlPathMatching("/v1/models/.+/predictions")).withRequestBody(containing(job));
    }

    private static RequestPatternBuilder creates(String job) {
        return postRequestedFor(urlPathMatching("/v1/models/.+/predictions")).withRequestBody(containing(job));
    }

    /** Sends Replicate's webhook of the run's success, as webhook-receiver relays it, and says at which offset. */
    private static long sendCallback(String job, String run) {
        String prediction = """
                {"id":"%s","model":"black-forest-labs/flux-schnell","status":"succeeded",
                 "input":{"prompt":"a walnut desk organizer","num_outputs":1,"seed":5},
                 "output":["%s/files/%s.png"],"metrics":{"predict_time":1.5}}""".formatted(run, replicate.baseUrl(),
                run);
        probe.send(Topics.PROVIDER_CALLBACKS, job, JSON.writeValueAsString(Map.of("jobId", job, "provider", "replicate",
                "deliveryId", "msg_" + run, "receivedAt", "2026-11-27T10:15:40Z", "body", prediction)));
        return probe.readUntil(Topics.PROVIDER_CALLBACKS, record -> record.key().equals(job), TIMEOUT)
                .getLast()
                .offset();
    }

    /** Sends the job's prompt and says at which offset it landed. */
    private static long sendPrompt(String job) {
        probe.send(Topics.PROMPTS_INTERACTIVE, job, prepared(job));
        return probe.readUntil(Topics.PROMPTS_INTERACTIVE, record -> record.key().equals(job), TIMEOUT)
                .getLast()
                .offset();
    }

    private static JsonNode awaitEvent(String job, String type) {
        var records = probe.readUntil(Topics.JOB_EVENTS,
                record -> record.key().equals(job) && type.equals(type(record.value())), TIMEOUT);
        assertThat(records).as("a %s event of job %s", type, job).isNotEmpty();
        var last = records.getLast();
        assertThat(last.key()).isEqualTo(job);
        assertThat(type(last.value())).as("the last event of job %s read", job).isEqualTo(type);
        return JSON.readTree(last.value());
    }

    private static List<String> types(String job) {
        return probe.readAll(Topics.JOB_EVENTS, Duration.ofSeconds(2))
                .stream()
                .filter(record -> record.key().equals(job))
                .map(record -> type(record.value()))
                .toList();
    }

    private static String type(String event) {
        return JSON.readTree(event).get("type").asString();
    }

    /** The group's committed offset on the interactive lane. */
    private static long committed() throws Exception {
        return committed(INTERACTIVE);
    }

    private static long committed(TopicPartition partition) throws Exception {
        return CommittedOffsets.of(broker.bootstrapServers(), partition);
    }

    private static void rewind(long offset) {
        rewind(INTERACTIVE, offset);
    }

    /** Moves the group back to the record at the offset, once the group has no member left to object. */
    private static void rewind(TopicPartition partition, long offset) {
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> {
            try (var admin = admin()) {
                admin.alterConsumerGroupOffsets(GenerationWorkerKafkaConfiguration.GROUP_ID,
                        Map.of(partition, new OffsetAndMetadata(offset))).all().get();
            }
        });
        await().atMost(TIMEOUT).until(() -> committed(partition) == offset);
    }

    private static Admin admin() {
        return Admin
                .create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static String prepared(String jobId) {
        return """
                {"type":"prompt_prepared","jobId":"%s","at":"2026-11-27T10:15:30Z",
                 "description":"walnut desk organizer","category":"furniture","style":"studio",
                 "prompt":"Professional product photography of walnut desk organizer","negativePrompt":"blurry",
                 "settings":{"width":512,"height":512,"numImages":1,"guidanceScale":7.5,"numInferenceSteps":4,
                 "seed":5},
                 "provider":"replicate","model":null,"lane":"interactive","callbackUrl":null}
                """.formatted(jobId);
    }
}
