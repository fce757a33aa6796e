package dev.imagepipeline.notifier.callback;

import org.jspecify.annotations.Nullable;

/** What became of one attempt to deliver a callback. */
sealed interface Outcome {

    /** The receiver answered 2xx. */
    record Delivered(int status) implements Outcome {
    }

    /**
     * The attempt may succeed later: no connection, a timeout, 408, 429 or 5xx.
     *
     * @param retryAfter the receiver's {@code Retry-After} header, as sent
     */
    record Retryable(String reason, @Nullable String retryAfter) implements Outcome {
    }

    /** No later attempt can succeed: another 4xx, a redirect, or an address callbacks may not reach. */
    record Final(String reason) implements Outcome {
    }
}
