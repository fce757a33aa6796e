package dev.imagepipeline.webhook.replicate;

/** A callback body that is not a Replicate prediction this service can map; the message is safe to show the caller. */
final class UnreadablePredictionException extends RuntimeException {

    UnreadablePredictionException(String message) {
        super(message);
    }
}
