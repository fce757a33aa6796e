package dev.imagepipeline.generation.image;

import java.time.Duration;

/** A stored image that has not expired yet, and how long it has left. */
record StoredImage(byte[] bytes, String contentType, Duration timeLeft) {
}
