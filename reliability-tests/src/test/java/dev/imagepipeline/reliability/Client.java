package dev.imagepipeline.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipeline's HTTP API as a careful client calls it: with its API key, and a request that failed for want of the
 * pipeline (a {@code 5xx}, a {@code 429}, no answer) sent again under the same {@code Idempotency-Key}. Every answer
 * that is not a success is kept, to be searched for secrets.
 */
final class Client {

    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(4);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String apiKey;
    private final List<String> unsuccessful = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger retries = new AtomicInteger();

    Client(String apiKey) {
        this.apiKey = apiKey;
    }

    /**
     * Posts until the pipeline accepts or refuses the request, or the time is up.
     *
     * @return the accepted answer's body; empty when the request was refused or never accepted
     */
    Optional<JsonNode> submit(URI url, String contentType, String idempotencyKey, String body, Duration within) {
        Instant deadline = Instant.now().plus(within);
        var pause = FIRST_RETRY;
        while (true) {
            var request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("Content-Type", contentType)
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            var answer = send(request);
            int status = answer == null ? 0 : answer.statusCode();
            if (status == 202) {
                return Optional.of(json.readTree(answer.body()));
            }
            if (status >= 400 && status < 500 && status != 429) {
                return Optional.empty();
            }
            if (Instant.now().plus(pause).isAfter(deadline)) {
                return Optional.empty();
            }
            retries.incrementAndGet();
            backOff(answer == null ? pause : retryAfter(answer, pause));
            pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
        }
    }

    /** The job as {@code GET /api/generate/{id}} shows it to this client; empty when it does not know it. */
    Optional<JsonNode> job(URI notifier, String id) {
        var answer = send(HttpRequest.newBuilder(notifier.resolve("/api/generate/" + id))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey)
                .build());
        return answer != null && answer.statusCode() == 200
                ? Optional.of(json.readTree(answer.body()))
                : Optional.empty();
    }

    /** Every answer that was not a success: status line and body. */
    List<String> unsuccessful() {
        return List.copyOf(unsuccessful);
    }

    int retries() {
        return retries.get();
    }

    private @Nullable HttpResponse<String> send(HttpRequest request) {
        try {
            var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 300) {
                unsuccessful.add(answer.statusCode() + " " + request.uri().getPath() + " " + answer.body());
            }
            return answer;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Duration retryAfter(HttpResponse<String> answer, Duration otherwise) {
        return answer.headers()
                .firstValue("Retry-After")
                .filter(value -> value.matches("\\d{1,3}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .orElse(otherwise);
    }

    private static void backOff(Duration pause) {
        try {
            // A client's back-off before it sends again, not a wait for a result.
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
