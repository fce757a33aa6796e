package dev.imagepipeline.webhook.replicate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns a Replicate prediction, as posted to the webhook, into the job event it stands for. */
final class PredictionMapper {

    static final String PROVIDER = "replicate";

    /** Replicate deletes a prediction's output files an hour after it completes. */
    static final Duration OUTPUT_LIFETIME = Duration.ofHours(1);

    /** A processing prediction whose model prints no progress bar is somewhere in the middle. */
    private static final int PERCENT_WITHOUT_PROGRESS_BAR = 50;

    private static final Logger log = LoggerFactory.getLogger(PredictionMapper.class);
    private static final Prediction.Input NO_INPUT = new Prediction.Input(null, null, null, null);

    private final JsonMapper json;
    private final Clock clock;

    PredictionMapper(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /**
     * @return the event for the prediction's status, or empty for a status this version does not know
     * @throws UnreadablePredictionException when the body is not a prediction
     */
    Optional<JobEvent> map(JobId job, byte[] body) {
        var prediction = read(body);
        String status = prediction.status();
        JobEvent event = switch (status) {
            case "starting" -> new GenerationProgressed(job, clock.instant(), 0, "Replicate is starting the model");
            case "processing" -> new GenerationProgressed(job, clock.instant(),
                    PredictionLogs.percent(prediction.logs()).orElse(PERCENT_WITHOUT_PROGRESS_BAR),
                    "Replicate is generating the images");
            case "succeeded" -> succeeded(job, prediction);
            case "failed" -> new GenerationFailed(job, endedAt(prediction), "provider_error",
                    errorOr(prediction, "Replicate reported a failure without a message."));
            case "canceled" -> new JobCanceled(job, endedAt(prediction), "canceled at the provider");
            case "aborted" -> new GenerationFailed(job, endedAt(prediction), "provider_aborted", errorOr(prediction,
                    "Replicate ended the prediction before it started, usually because its deadline passed in the queue."));
            case null -> throw new UnreadablePredictionException("The prediction has no status.");
            default -> null;
        };
        if (event == null) {
            log.warn("Ignored a Replicate callback for job {}: unknown prediction status '{}'", job, status);
        }
        return Optional.ofNullable(event);
    }

    private Prediction read(byte[] body) {
        Prediction prediction;
        try {
            prediction = json.readValue(body, Prediction.class);
        } catch (JacksonException e) {
            throw new UnreadablePredictionException(
                    "The body is not a Replicate prediction: " + e.getOriginalMessage());
        }
        if (prediction == null) {
            throw new UnreadablePredictionException("The body is not a Replicate prediction: it is JSON null.");
        }
        return prediction;
    }

    private JobEvent succeeded(JobId job, Prediction prediction) {
        Instant at = endedAt(prediction);
        List<String> urls = outputUrls(prediction.output());
        if (urls.isEmpty()) {
            return new GenerationFailed(job, at, "provider_error",
                    "Replicate reported success without any image; its outputs may have been removed already.");
        }
        var input = prediction.input() == null ? NO_INPUT : prediction.input();
        Instant expiresAt = at.plus(OUTPUT_LIFETIME);
        var images = urls.stream()
                .map(url -> new GeneratedImage(url, orZero(input.width()), orZero(input.height()), contentType(url),
                        expiresAt))
                .toList();
        long seed = PredictionLogs.seed(prediction.logs()).orElse(input.seed() == null ? 0 : input.seed());
        String model = prediction.model() == null ? "unknown" : prediction.model();
        return new GenerationSucceeded(job, at, PROVIDER, model, seed, images, warnings(input, urls.size()));
    }

    /** Outputs are a list of URLs for most models, and a single URL for some (flux-1.1-pro). */
    private static List<String> outputUrls(@Nullable JsonNode output) {
        var urls = new ArrayList<String>();
        if (output != null && output.isString()) {
            urls.add(output.stringValue());
        } else if (output != null && output.isArray()) {
            for (JsonNode element : output) {
                if (element.isString()) {
                    urls.add(element.stringValue());
                }
            }
        }
        urls.removeIf(String::isBlank);
        return urls;
    }

    private static List<String> warnings(Prediction.Input input, int returned) {
        Integer asked = input.numOutputs();
        if (asked != null && asked > returned) {
            return List.of("asked for " + asked + " images, the provider returned " + returned
                    + " (the safety checker drops flagged images)");
        }
        return List.of();
    }

    static String contentType(String url) {
        String path = url.split("[?#]", 2)[0].toLowerCase(Locale.ROOT);
        if (path.endsWith(".webp")) {
            return "image/webp";
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".jpg") || path.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        return "application/octet-stream";
    }

    /** When the prediction ended; a callback without {@code completed_at} ended when it reached us. */
    private Instant endedAt(Prediction prediction) {
        return prediction.completedAt() == null ? clock.instant() : prediction.completedAt();
    }

    private static String errorOr(Prediction prediction, String fallback) {
        JsonNode error = prediction.error();
        if (error == null || error.isNull() || error.isMissingNode()) {
            return fallback;
        }
        String message = error.isString() ? error.stringValue() : error.toString();
        return message.isBlank() ? fallback : message;
    }

    private static int orZero(@Nullable Integer value) {
        // 0 is how GeneratedImage says "size unknown": Flux models take an aspect ratio, not a width and height.
        return value == null ? 0 : value;
    }
}
