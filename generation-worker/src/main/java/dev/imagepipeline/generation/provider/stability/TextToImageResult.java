package dev.imagepipeline.generation.provider.stability;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The v1 text-to-image answer to {@code Accept: application/json}: one artifact per sample. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TextToImageResult(@Nullable List<Artifact> artifacts) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Artifact(@Nullable String base64, @Nullable Long seed, @Nullable String finishReason) {
    }
}
