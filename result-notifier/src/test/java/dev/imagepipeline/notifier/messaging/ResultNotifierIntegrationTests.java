package dev.imagepipeline.notifier.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.notifier.ResultNotifierApplication;

@SpringBootTest(classes = ResultNotifierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pipeline.result-notifier.unknown-job-grace=200ms")
class ResultNotifierIntegrationTests {

    private static final KraftBroker broker = KraftBroker.shared();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void servesTheJobAndItsEventStreamFromTheCompletionTopic() throws Exception {
        String job = UUID.randomUUID().toString();
        publishLifecycle(job);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get("/api/generate/" + job).body()).contains("\"status\":\"completed\"",
                        "\"url\":\"http://localhost/api/images/a.png\""));
        var stream = get("/api/generate/" + job + "/events");

        assertThat(stream.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(eventNames(stream.body())).containsExactly("accepted", "progress", "succeeded");
    }

    @Test
    void resumesAStreamAfterTheLastEventId() throws Exception {
        String job = UUID.randomUUID().toString();
        publishLifecycle(job);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/generate/" + job).body().contains("completed"));
        String firstId = get("/api/generate/" + job + "/events").body()
                .lines()
                .filter(line -> line.startsWith("id:"))
                .findFirst()
                .orElseThrow()
                .substring(3);

        var resumed = http.send(HttpRequest.newBuilder(uri("/api/generate/" + job + "/events"))
                .header("Last-Event-ID", firstId)
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(eventNames(resumed.body())).containsExactly("progress", "succeeded");
    }

    @Test
    void skipsEventsItCannotUseAndKeepsServing() throws Exception {
        String job = UUID.randomUUID().toString();
        probe.send(Topics.JOB_EVENTS, job, "{\"type\":\"teleported\",\"jobId\":\"" + job + "\"}");
        probe.send(Topics.JOB_EVENTS, job, "not json at all");
        probe.send(Topics.JOB_EVENTS, job, "{\"type\":\"progress\",\"jobId\":\"" + job + "\",\"percent\":5}");
        publishLifecycle(job);

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/generate/" + job).body().contains("completed"));
        assertThat(eventNames(get("/api/generate/" + job + "/events").body())).containsExactly("accepted", "progress",
                "succeeded");
    }

    @Test
    void endsAStreamResumedAfterTheTerminalEventAtOnce() throws Exception {
        String job = UUID.randomUUID().toString();
        publishLifecycle(job);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/generate/" + job).body().contains("completed"));
        String lastId = get("/api/generate/" + job + "/events").body()
                .lines()
                .filter(line -> line.startsWith("id:"))
                .reduce((first, second) -> second)
                .orElseThrow()
                .substring(3);

        var resumed = http.send(HttpRequest.newBuilder(uri("/api/generate/" + job + "/events"))
                .header("Last-Event-ID", lastId)
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(eventNames(resumed.body())).isEmpty();
    }

    @Test
    void answersNotFoundAsProblemForAnUnknownJob() throws Exception {
        var response = get("/api/generate/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get("/api/generate/not-a-uuid").statusCode()).isEqualTo(400);
    }

    /** A job's events, stamped now: the view forgets jobs older than its retention, whatever the day the test runs. */
    private void publishLifecycle(String job) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        probe.send(Topics.JOB_EVENTS, job, """
                {"type":"accepted","jobId":"%s","at":"%s","description":"mug",
                 "category":"kitchenware","style":"studio",
                 "settings":{"numImages":1,"resolution":"512x512","guidanceScale":7.5,"seed":null},
                 "provider":null,"lane":"interactive"}""".formatted(job, now));
        probe.send(Topics.JOB_EVENTS, job, """
                {"type":"progress","jobId":"%s","at":"%s","percent":50,"message":"half"}""".formatted(job,
                now.plusSeconds(1)));
        probe.send(Topics.JOB_EVENTS, job, """
                {"type":"succeeded","jobId":"%s","at":"%s","provider":"local","model":"preview",
                 "seed":7,"images":[{"url":"http://localhost/api/images/a.png","width":512,"height":512,
                 "contentType":"image/png","expiresAt":"%s"}],"warnings":[]}""".formatted(job, now.plusSeconds(2),
                now.plusSeconds(3602)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static List<String> eventNames(String stream) {
        return stream.lines().filter(line -> line.startsWith("event:")).map(line -> line.substring(6).strip()).toList();
    }
}
