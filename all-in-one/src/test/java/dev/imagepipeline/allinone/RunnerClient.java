package dev.imagepipeline.allinone;

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

import com.github.tomakehurst.wiremock.WireMockServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The runner's HTTP API as the end-to-end tests call it, and the stub servers they stand vendors and clients up on. */
final class RunnerClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    RunnerClient(int port) {
        this.port = port;
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Submits a job, which must be accepted, and gives its id. */
    String submit(String request) throws IOException, InterruptedException {
        var accepted = post("/api/generate", request);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return json.readTree(accepted.body()).get("id").asString();
    }

    /** The job as {@code GET /api/generate/{id}} tells it; empty while the runner does not know it. */
    JsonNode status(String id) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(uri("/api/generate/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()) : json.createObjectNode();
    }

    /** The job once it has ended, waiting at most {@code within}. */
    JsonNode finished(String id, Duration within) {
        return await().atMost(within)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> status(id), job -> job.get("completedAt") != null);
    }

    /** Fetches an image the job lists, from this runner whatever public address its URL names. */
    int decodedWidth(String url) throws IOException, InterruptedException {
        return ImageIO.read(new ByteArrayInputStream(image(url))).getWidth();
    }

    /** Fetches an image the job lists, from this runner whatever public address its URL names. */
    byte[] image(String url) throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(uri(URI.create(url).getRawPath())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String body) {
        return json.readTree(body);
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A stub HTTP server on a free port, started. */
    static WireMockServer startedServer() {
        var server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    /** A black square PNG, as a vendor might answer. */
    static byte[] png(int side) {
        try {
            var out = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
