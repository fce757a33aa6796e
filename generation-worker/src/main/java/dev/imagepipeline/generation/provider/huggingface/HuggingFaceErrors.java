package dev.imagepipeline.generation.provider.huggingface;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RetryAfter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Hugging Face's error answers, {@code {"error": "..."}} with an {@code estimated_time} while a model loads, and
 * says what each means for the job.
 */
final class HuggingFaceErrors {

    private static final int LONGEST_MESSAGE = 300;

    private HuggingFaceErrors() {
    }

    /** @return how long Hugging Face expects a cold model to take to load, when that is what the answer says */
    static Optional<Duration> loadingTime(Answer answer) {
        if (answer.status() != 503) {
            return Optional.empty();
        }
        return tree(answer.body()).map(body -> body.get("estimated_time"))
                .filter(JsonNode::isNumber)
                .map(seconds -> Duration.ofMillis(Math.round(Math.max(0, seconds.doubleValue()) * 1000)));
    }

    /** The failure an answer other than an image or a loading model stands for. */
    static ProviderException failure(String model, Answer answer, Instant now) {
        String said = message(answer.body());
        var retryAfter = RetryAfter.parse(answer.retryAfter(), now);
        return switch (answer.status()) {
            case 400, 413, 422 -> new ProviderException("invalid_request",
                    "Hugging Face rejected the request for %s: %s".formatted(model, said), false);
            case 401, 403 -> new ProviderException("provider_auth",
                    "Hugging Face refused the API token (HTTP %d): %s".formatted(answer.status(), said), false);
            case 402 -> new ProviderException("out_of_credits", "Hugging Face has no credits left: " + said, false);
            case 404 -> new ProviderException("model_not_found",
                    "Hugging Face does not serve %s: %s".formatted(model, said), false);
            case 429 ->
                new ProviderException("rate_limited", "Hugging Face is throttling requests: " + said, true, retryAfter);
            default -> other(model, answer.status(), said, retryAfter);
        };
    }

    private static ProviderException other(String model, int status, String said, @Nullable Duration retryAfter) {
        // A timeout or the vendor's own failure may pass; any other answer would only repeat itself.
        if (status == 408 || status >= 500) {
            return new ProviderException("provider_error",
                    "Hugging Face failed for %s (HTTP %d): %s".formatted(model, status, said), true, retryAfter);
        }
        return new ProviderException("invalid_request",
                "Hugging Face refused the request for %s (HTTP %d): %s".formatted(model, status, said), false);
    }

    /** The error an answer carries, in one short line fit for a job's failure. */
    static String message(byte[] body) {
        String text = tree(body).map(json -> json.get("error"))
                .map(HuggingFaceErrors::text)
                .orElseGet(() -> new String(body, StandardCharsets.UTF_8));
        String line = text.replaceAll("\\p{Cntrl}+", " ").strip();
        if (line.isEmpty()) {
            return "no message";
        }
        return line.length() <= LONGEST_MESSAGE ? line : line.substring(0, LONGEST_MESSAGE) + "…";
    }

    private static String text(JsonNode error) {
        if (error.isArray()) {
            return error.values().stream().map(JsonNode::asString).collect(Collectors.joining("; "));
        }
        return error.asString();
    }

    private static Optional<JsonNode> tree(byte[] body) {
        try {
            var json = JsonMapper.shared().readTree(body);
            return json != null && json.isObject() ? Optional.of(json) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
