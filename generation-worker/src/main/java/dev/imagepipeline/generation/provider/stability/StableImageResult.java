package dev.imagepipeline.generation.provider.stability;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A v2beta endpoint's answer to {@code Accept: application/json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record StableImageResult(@Nullable String image, @JsonProperty("finish_reason") @Nullable String finishReason,
        @Nullable Long seed) {
}
