package dev.imagepipeline.contracts;

import java.time.Instant;

/**
 * One finished image. Images never travel inside records: this is where to fetch it, until {@code expiresAt}.
 */
public record GeneratedImage(String url, int width, int height, String contentType, Instant expiresAt) {
}
