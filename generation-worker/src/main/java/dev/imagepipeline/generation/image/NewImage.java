package dev.imagepipeline.generation.image;

import java.time.Instant;

/**
 * An image on its way into storage.
 *
 * @param key its new key, from {@link ImageKeys}
 * @param contentType the type its key's extension names
 * @param storedAt now, by the store's clock
 * @param expiresAt when it may no longer be fetched
 */
record NewImage(String key, byte[] bytes, String contentType, Instant storedAt, Instant expiresAt) {
}
