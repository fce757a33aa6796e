package dev.imagepipeline.notifier.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.notifier.ResultNotifierApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Canceling a job and waiting for one, against the real broker. */
@SpringBootTest(classes = ResultNotifierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pipeline.result-notifier.unknown-job-grace=200ms")
class CancelAndWaitIntegrationTests {

    private static final KraftBroker broker = KraftBroker.shared();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void cancelsARunningJobForEveryWorkerAndEndsIt() throws Exception {
        String job = UUID.randomUUID().toString();
        accepted(job);
        probe.send(Topics.JOB_EVENTS, job, """
                {"type":"submitted","jobId":"%s","at":"%s","provider":"replicate","model":"flux-schnell","seed":7,
                 "predictionId":"p-42","warnings":[]}""".formatted(job, now()));
        await(job, "processing");

        var canceled = post("/api/generate/" + job + "/cancel");

        assertThat(canceled.statusCode()).isEqualTo(200);
        assertThat(json.readTree(canceled.body()).get("status").asString()).isEqualTo("canceled");
        assertThat(probe.readUntilKeys(Topics.CANCELLATIONS, List.of(job), TIMEOUT))
                .filteredOn(record -> record.key().equals(job))
                .singleElement()
                .satisfies(record -> assertThat(record.value()).contains("\"provider\":\"replicate\"",
                        "\"predictionId\":\"p-42\""));
        assertThat(probe.readUntil(Topics.JOB_EVENTS,
                record -> record.key().equals(job) && record.value().contains("\"type\":\"canceled\""), TIMEOUT))
                .anyMatch(record -> record.key().equals(job) && record.value().contains("canceled by the client"));

        var again = post("/api/generate/" + job + "/cancel");
        assertThat(again.statusCode()).as("canceling twice is the same").isEqualTo(200);
        assertThat(json.readTree(again.body()).get("status").asString()).isEqualTo("canceled");
        assertThat(probe.readAll(Topics.CANCELLATIONS, Duration.ofSeconds(2)))
                .filteredOn(record -> record.key().equals(job))
                .hasSize(1);
    }

    @Test
    void refusesToCancelAFinishedJobAndSaysHowItEnded() throws Exception {
        String job = UUID.randomUUID().toString();
        accepted(job);
        succeeded(job);
        await(job, "completed");

        var refused = post("/api/generate/" + job + "/cancel");
        assertThat(get("/api/generate/" + job + "?wait=10m").statusCode()).as("a bad wait, even for a finished job")
                .isEqualTo(400);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.at("/job/status").asString()).isEqualTo("completed");
        assertThat(problem.get("detail").asString()).contains("completed already");
    }

    @Test
    void answersNotFoundForCancelingAJobItDoesNotKnow() throws Exception {
        assertThat(post("/api/generate/" + UUID.randomUUID() + "/cancel").statusCode()).isEqualTo(404);
        assertThat(post("/api/generate/nope/cancel").statusCode()).isEqualTo(400);
    }

    @Test
    void aLongPollAnswersOnceTheJobFinishes() throws Exception {
        String job = UUID.randomUUID().toString();
        accepted(job);
        await(job, "queued");

        var polled = CompletableFuture.supplyAsync(() -> get("/api/generate/" + job + "?wait=20s"));
        Thread.sleep(500);
        assertThat(polled).as("still waiting for the job").isNotDone();
        succeeded(job);

        var finished = polled.get(10, TimeUnit.SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(json.readTree(finished.body()).get("status").asString()).isEqualTo("completed");
    }

    @Test
    void aLongPollAnswersWithTheJobAsItStandsWhenTheTimeIsUp() throws Exception {
        String job = UUID.randomUUID().toString();
        accepted(job);
        await(job, "queued");

        var polled = get("/api/generate/" + job + "?wait=1s");

        assertThat(polled.statusCode()).isEqualTo(200);
        assertThat(json.readTree(polled.body()).get("status").asString()).isEqualTo("queued");
        assertThat(get("/api/generate/" + job + "?wait=soon").statusCode()).isEqualTo(400);
        assertThat(get("/api/generate/" + job + "?wait=10m").statusCode()).isEqualTo(400);
    }

    private void await(String job, String status) {
        Awaitility.await()
                .atMost(TIMEOUT)
                .until(() -> get("/api/generate/" + job).body().contains("\"status\":\"" + status + "\""));
    }

    private static void accepted(String job) {
        probe.send(Topics.JOB_EVENTS, job, """
                {"type":"accepted","jobId":"%s","at":"%s","description":"mug","category":"kitchenware",
                 "style":"studio","settings":{"numImages":1,"resolution":"512x512","guidanceScale":7.5,"seed":null},
                 "provider":null,"lane":"interactive"}""".formatted(job, now()));
    }

    private static void succeeded(String job) {
        probe.send(Topics.JOB_EVENTS, job, """
                {"type":"succeeded","jobId":"%s","at":"%s","provider":"local","model":"preview","seed":7,
                 "images":[],"warnings":[]}""".formatted(job, now()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
