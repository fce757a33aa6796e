package dev.imagepipeline.generation.provider.replicate;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Replicate's error body: {@code {"detail": ...}}, sometimes problem details with a {@code title} too. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ErrorBody(@Nullable String title, @Nullable String detail) {
}
