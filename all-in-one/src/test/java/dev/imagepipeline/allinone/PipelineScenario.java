package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The end-to-end scenario as a client sees it, over real HTTP against the runner: the same steps whichever broker the
 * runner uses.
 */
final class PipelineScenario {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;
    private final TopicProbe probe;

    PipelineScenario(int port, String bootstrapServers) {
        this.port = port;
        this.probe = new TopicProbe(bootstrapServers);
    }

    /**
     * Previews a prompt, submits the same request as a job, follows its SSE stream to the end, and checks every image
     * it lists and that the job ran on the prompt the preview showed.
     */
    void generatesImagesAndStreamsTheJobToCompletion() throws Exception {
        String request = """
                {"description":"ceramic pour-over coffee dripper, matte black","category":"kitchenware",
                 "style":"white_background","additionalContext":"hand-glazed, holds two cups",
                 "settings":{"num_images":2,"resolution":"512x512","seed":42}}
                """;
        var preview = post("/api/prompt/preview", request);
        assertThat(preview.statusCode()).isEqualTo(200);
        JsonNode localPreview = json.readTree(preview.body()).get("previews").get(0);
        assertThat(localPreview.get("model").get("provider").asString()).isEqualTo("local");

        var accepted = post("/api/generate", request);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = json.readTree(accepted.body()).get("id").asString();
        assertThat(accepted.headers().firstValue("Location")).hasValue("/api/generate/" + id);

        var stream = send(
                HttpRequest.newBuilder(uri("/api/generate/" + id + "/events")).timeout(Duration.ofSeconds(60)).build());
        List<String> events = stream.body()
                .lines()
                .filter(line -> line.startsWith("event:"))
                .map(line -> line.substring("event:".length()).strip())
                .toList();
        assertThat(events).startsWith("accepted", "prompt_prepared").contains("progress").endsWith("succeeded");

        JsonNode job = json.readTree(send(HttpRequest.newBuilder(uri("/api/generate/" + id)).build()).body());
        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("seed").asLong()).isEqualTo(42);
        assertThat(job.get("prompt").asString()).startsWith("Professional product photography of ceramic")
                .contains("hand-glazed, holds two cups")
                .isEqualTo(localPreview.get("prompt").asString());
        assertThat(job.get("negativePrompt").asString()).isEqualTo(localPreview.get("negativePrompt").asString());
        assertThat(job.get("images")).hasSize(2);
        for (JsonNode image : job.get("images")) {
            assertDecodesTo(image.get("url").asString(), 512);
        }
    }

    /** An invalid body is refused with a problem and leaves no trace on any topic; an unknown job is a problem too. */
    void refusesAnInvalidJobAndPublishesNothing() throws Exception {
        String marker = "invalid-" + UUID.randomUUID();
        var refused = post("/api/generate", """
                {"description":"%s","category":"kitchenware","style":"polaroid"}
                """.formatted(marker));
        // A valid job submitted after it: once its records are on a topic, the refused one would be there too.
        var fence = post("/api/generate", """
                {"description":"fence","category":"kitchenware","style":"studio","settings":{"resolution":"512x512"}}
                """);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("style", "white_background");
        assertThat(fence.statusCode()).isEqualTo(202);
        String fenceId = json.readTree(fence.body()).get("id").asString();
        for (String topic : List.of(Topics.REQUESTS, Topics.PROMPTS_INTERACTIVE, Topics.JOB_EVENTS)) {
            var records = probe.readUntil(topic, r -> r.key().equals(fenceId), Duration.ofSeconds(30));
            assertThat(records).as(topic)
                    .anyMatch(r -> r.key().equals(fenceId))
                    .noneMatch(r -> r.value().contains(marker));
        }

        var unknown = send(HttpRequest.newBuilder(uri("/api/generate/" + UUID.randomUUID())).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private void assertDecodesTo(String url, int size) throws IOException, InterruptedException {
        // The URL names the configured public address; fetch the same path from the runner under test.
        var path = URI.create(url).getRawPath();
        var response = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        var image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(size);
        assertThat(image.getHeight()).isEqualTo(size);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
