package dev.imagepipeline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The pipeline's catalog API, over the JDK's HTTP client. */
final class CatalogClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The pipeline answers an upload once it has read and queued every line, which takes a while for a large one. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(10);
    /** Until the first byte of any other answer; a body then streams for as long as it takes. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            // Plain HTTP/1.1: no h2c upgrade for proxies to stumble on, and SSE needs nothing more.
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final @Nullable String apiKey;

    CatalogClient(URI base, @Nullable String apiKey) {
        this.base = base.toString().replaceAll("/+$", "");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    String base() {
        return base;
    }

    Receipt upload(Path file, CatalogFormat format, String idempotencyKey)
            throws IOException, InterruptedException, ApiException {
        var request = request("/api/catalogs", UPLOAD_TIMEOUT).header("Content-Type", format.mediaType())
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        requireSuccess(response.statusCode(), response.body());
        return json.readValue(response.body(), Receipt.class);
    }

    /** The catalog's event stream, from after the event {@code lastEventId} names when one is given. */
    InputStream events(String catalog, @Nullable String lastEventId)
            throws IOException, InterruptedException, ApiException {
        var request = request("/api/catalogs/" + catalog + "/events", ANSWER_TIMEOUT).header("Accept",
                "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        var response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 != 2) {
            try (InputStream body = response.body()) {
                requireSuccess(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return response.body();
    }

    /** Streams the catalog's results into {@code out}, which appears whole or not at all. */
    void results(String catalog, ResultsFormat format, Path out)
            throws IOException, InterruptedException, ApiException {
        var request = request("/api/catalogs/" + catalog + "/results?format=" + format.parameter(), ANSWER_TIMEOUT)
                .GET()
                .build();
        Path partial = out.resolveSibling(out.getFileName() + ".part");
        var response = http.send(request, HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() / 100 != 2) {
            String body = Files.readString(partial);
            Files.deleteIfExists(partial);
            requireSuccess(response.statusCode(), body);
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void cancel(String catalog) throws IOException, InterruptedException, ApiException {
        var request = request("/api/catalogs/" + catalog + "/cancel", ANSWER_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        requireSuccess(response.statusCode(), response.body());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request;
    }

    private void requireSuccess(int status, String body) throws ApiException {
        if (status / 100 == 2) {
            return;
        }
        JsonNode problem;
        try {
            problem = json.readTree(body);
        } catch (JacksonException notJson) {
            problem = null;
        }
        if (problem != null && problem.isObject()) {
            throw ApiException.of(status, problem);
        }
        String text = body.strip();
        throw new ApiException(status, "HTTP " + status,
                text.isEmpty() ? List.of() : List.of(text.length() > 500 ? text.substring(0, 500) + "…" : text));
    }
}
