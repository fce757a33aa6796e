package dev.imagepipeline.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a prediction at the Replicate stub the way generation-worker does when it polls: creates a flux-schnell
 * prediction holding the request open for it ({@code Prefer: wait=30}, {@code Cancel-After}), then downloads its output
 * file; no Kafka, no pipeline. The provider scenario's baseline.
 */
final class DirectCalls {

    private static final String INPUT = """
            {"input":{"prompt":"Product photo of a stoneware mug with speckled glaze, studio lighting","seed":%d,
             "aspect_ratio":"1:1","megapixels":"0.25","num_outputs":1,"output_format":"png"}}""";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final URI replicate;
    private final String token;

    DirectCalls(URI replicate, String token) {
        this.replicate = replicate;
        this.token = token;
    }

    /** @return the time from the create request to the output's last byte, in nanoseconds */
    long run(int seed) {
        long start = System.nanoTime();
        var created = send(
                HttpRequest.newBuilder(replicate.resolve("/v1/models/black-forest-labs/flux-schnell/predictions"))
                        .timeout(Duration.ofSeconds(70))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .header("Prefer", "wait=30")
                        .header("Cancel-After", "660s")
                        .POST(HttpRequest.BodyPublishers.ofString(INPUT.formatted(seed)))
                        .build());
        var prediction = json.readTree(created);
        if (!"succeeded".equals(prediction.path("status").asString())) {
            throw new IllegalStateException("The stub's prediction did not end within its wait: " + prediction);
        }
        var output = URI.create(prediction.path("output").path(0).asString());
        byte[] image = send(HttpRequest.newBuilder(output)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .build());
        if (image.length == 0) {
            throw new IllegalStateException("The stub's output " + output + " is empty");
        }
        return System.nanoTime() - start;
    }

    private byte[] send(HttpRequest request) {
        try {
            var answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() >= 300) {
                throw new IllegalStateException(request.uri().getPath() + " answered " + answer.statusCode());
            }
            return answer.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.uri().getPath() + " could not be called", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
