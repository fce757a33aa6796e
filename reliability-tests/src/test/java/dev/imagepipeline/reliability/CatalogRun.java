package dev.imagepipeline.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A catalog through the pipeline as a client sends and follows it: uploaded to ingest-api as NDJSON in one request,
 * then read from result-notifier ({@code GET /api/catalogs/{id}}) until it has ended.
 */
final class CatalogRun {

    private static final Set<String> ENDED = Set.of("completed", "canceled");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String apiKey;
    private final URI ingest;
    private final URI notifier;

    CatalogRun(String apiKey, URI ingest, URI notifier) {
        this.apiKey = apiKey;
        this.ingest = ingest;
        this.notifier = notifier;
    }

    /** NDJSON of the items given, one a line, as a catalog's body. */
    static String items(int count) {
        return IntStream.range(0, count)
                .mapToObj(item -> Load.ITEM.formatted(item, item).strip())
                .collect(Collectors.joining("\n"));
    }

    /** Uploads the catalog and waits for ingest-api's receipt, which comes once every line is read. */
    JsonNode upload(String body, Duration within) {
        var answer = send(HttpRequest.newBuilder(ingest.resolve("/api/catalogs"))
                .timeout(within)
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        if (answer.statusCode() != 202) {
            throw new IllegalStateException("ingest-api answered the catalog " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(500, answer.body().length())));
        }
        return json.readTree(answer.body());
    }

    /** Waits until result-notifier says the catalog has ended, and answers it as it then stands. */
    JsonNode awaitEnded(String id, Duration within) {
        var last = new AtomicReference<JsonNode>();
        await().atMost(within).pollInterval(Duration.ofSeconds(2)).until(() -> {
            var answer = send(HttpRequest.newBuilder(notifier.resolve("/api/catalogs/" + id))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + apiKey)
                    .build());
            if (answer.statusCode() == 200) {
                last.set(json.readTree(answer.body()));
            }
            return last.get() != null && ENDED.contains(last.get().path("status").asString());
        });
        return last.get();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
