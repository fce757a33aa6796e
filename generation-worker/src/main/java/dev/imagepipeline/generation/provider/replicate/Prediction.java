package dev.imagepipeline.generation.provider.replicate;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;

/**
 * Replicate's prediction object, as far as this provider reads it.
 *
 * @param model the model's {@code owner/name}
 * @param input the inputs it was created with, as far as they say what to expect
 * @param output model-dependent: a list of URLs, a single URL, or null until it succeeded
 * @param error Replicate's or the model's text when the prediction failed
 * @param logs the model's console output, where some models print the seed they used
 * @param dataRemoved Replicate removed the inputs and outputs, an hour after the prediction ended; absent in older
 *        answers
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Prediction(String id, Status status, @Nullable String model, @Nullable Input input, @Nullable JsonNode output,
        @Nullable String error, @Nullable String logs, @JsonProperty("data_removed") @Nullable Boolean dataRemoved,
        @Nullable Metrics metrics) {

    private static final Pattern LOGGED_SEED = Pattern.compile("Using seed: (\\d+)");

    Prediction {
        // Checked here so that Jackson reports a body without them as unreadable.
        if (id == null || status == null) {
            throw new IllegalArgumentException("a prediction without an id or a status");
        }
    }

    boolean removed() {
        return Boolean.TRUE.equals(dataRemoved);
    }

    /** The seed the prediction was given, or the one its model says it drew when it was given none. */
    OptionalLong seed() {
        if (input != null && input.seed() != null) {
            return OptionalLong.of(input.seed());
        }
        var logged = logs == null ? null : LOGGED_SEED.matcher(logs);
        return logged != null && logged.find()
                ? OptionalLong.of(Long.parseLong(logged.group(1)))
                : OptionalLong.empty();
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

    /** The inputs that say what a prediction delivers: images are asked for one at a time unless it says more. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Input(@Nullable Long seed, @JsonProperty("num_outputs") @Nullable Integer numOutputs,
            @Nullable Integer width, @Nullable Integer height) {
    }

    /** @param predictTime seconds of compute, without the time spent queued; set once the prediction ended */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Metrics(@JsonProperty("predict_time") @Nullable Double predictTime) {
    }
}
