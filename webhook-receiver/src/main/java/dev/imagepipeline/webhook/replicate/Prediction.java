package dev.imagepipeline.webhook.replicate;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/**
 * The fields of a Replicate prediction object this service reads; Replicate posts the whole object as the webhook
 * body, and adds fields over time.
 *
 * @param output model-dependent: a list of URLs, a single URL, or null (before success, or once data is removed)
 * @param error a message when the prediction failed; documented as a string, read as any JSON to be safe
 * @param logs the model's console output, where the seed and a progress bar show up
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Prediction(@Nullable String id, @Nullable String model, @Nullable String status, @Nullable Input input,
        @Nullable JsonNode output, @Nullable JsonNode error, @Nullable String logs,
        @JsonProperty("completed_at") @Nullable Instant completedAt) {

    /** The inputs the prediction was created with, as far as they describe the images. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Input(@Nullable Long seed, @JsonProperty("num_outputs") @Nullable Integer numOutputs,
            @Nullable Integer width, @Nullable Integer height) {
    }
}
