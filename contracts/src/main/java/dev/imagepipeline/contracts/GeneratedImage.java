package dev.imagepipeline.contracts;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One finished image. Images never travel inside records: this is where to fetch it, until {@code expiresAt}.
 *
 * @param originalUrl where the provider's own image is, when the one at {@code url} is its auto-fixed copy
 * @param record how the image was made; absent in events written before records were kept
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratedImage(String url, int width, int height, String contentType, Instant expiresAt,
        @Nullable String originalUrl, @Nullable ImageRecord record) {

    /** An image without a record. */
    public GeneratedImage(String url, int width, int height, String contentType, Instant expiresAt) {
        this(url, width, height, contentType, expiresAt, null, null);
    }
}
