package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;

/** The runner with a configured data directory: what was on the broker before a restart is there after it. */
class RunnerRestartIntegrationTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dataDirectory;

    @Test
    void finishesAJobLeftInFlightAndRemembersFinishedOnesAcrossARestart() throws Exception {
        String finished;
        try (var runner = start()) {
            finished = submit(port(runner));
            await().atMost(Duration.ofSeconds(60)).until(() -> status(port(runner), finished).contains("completed"));
        }
        assertThat(Files.exists(dataDirectory.resolve("log/meta.properties"))).isTrue();

        // A job that reached the requests topic just before the runner went down, and was never prepared.
        String inFlight = UUID.randomUUID().toString();
        try (var broker = KraftBroker.start(dataDirectory, 0)) {
            new TopicProbe(broker.bootstrapServers()).send(Topics.REQUESTS, inFlight, """
                    {"jobId":"%s","description":"brass desk lamp","category":"home_decor","style":"minimal",
                     "settings":{"numImages":1,"resolution":"512x512","guidanceScale":7.5,"seed":3},
                     "provider":null,"model":null,"callbackUrl":null,"lane":"interactive",
                     "submittedAt":"2026-11-27T10:15:30Z"}""".formatted(inFlight));
        }

        try (var runner = start()) {
            int port = port(runner);
            await().atMost(Duration.ofSeconds(60)).until(() -> status(port, inFlight).contains("completed"));
            assertThat(status(port, finished)).contains("\"status\":\"completed\"");
            var bootstrap = runner.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
            assertThat(new TopicProbe(bootstrap).readAll(Topics.JOB_EVENTS, Duration.ofSeconds(2)))
                    .filteredOn(r -> r.key().equals(finished) && r.value().contains("\"type\":\"succeeded\""))
                    .as("a job finished before the restart is not generated again")
                    .hasSize(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(AllInOneApplication.class)
                .properties("server.port=0", "pipeline.runner.broker-port=0",
                        "pipeline.runner.data-directory=" + dataDirectory)
                .run();
    }

    private static int port(ConfigurableApplicationContext runner) {
        return Integer.parseInt(runner.getEnvironment().getProperty("local.server.port"));
    }

    private String submit(int port) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/generate"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"description":"oak cutting board","category":"kitchenware","style":"studio",
                         "settings":{"num_images":1,"resolution":"512x512"}}
                        """))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        return response.headers().firstValue("Location").orElseThrow().substring("/api/generate/".length());
    }

    private String status(int port, String id) throws Exception {
        return http
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/generate/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
