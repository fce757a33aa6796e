package dev.imagepipeline.generation.provider.replicate;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/**
 * Replicate's prediction object, as far as this provider reads it.
 *
 * @param output model-dependent: a list of URLs, a single URL, or null until it succeeded
 * @param error Replicate's or the model's text when the prediction failed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Prediction(String id, Status status, @Nullable JsonNode output, @Nullable String error,
        @Nullable Metrics metrics) {

    Prediction {
        // Checked here so that Jackson reports a body without them as unreadable.
        if (id == null || status == null) {
            throw new IllegalArgumentException("a prediction without an id or a status");
        }
    }

    /** Where a prediction is in its life; a status Replicate adds later reads as {@link #UNKNOWN}. */
    enum Status {
        STARTING,
        PROCESSING,
        SUCCEEDED,
        FAILED,
        CANCELED,
        ABORTED,
        UNKNOWN;

        @JsonCreator
        static Status of(String wire) {
            try {
                return valueOf(wire.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return UNKNOWN;
            }
        }

        /** Still worth polling: an unknown status is treated as not over yet, bounded by the watch's deadline. */
        boolean running() {
            return this == STARTING || this == PROCESSING || this == UNKNOWN;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** @param predictTime seconds of compute, without the time spent queued; set once the prediction ended */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metrics(@JsonProperty("predict_time") @Nullable Double predictTime) {
    }
}
