package dev.imagepipeline.generation.provider;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A provider could not deliver.
 *
 * @see #reason()
 */
public class ProviderException extends RuntimeException {

    private final String reason;
    private final boolean retryable;
    private final @Nullable Duration retryAfter;

    /**
     * @param reason a stable code for the job's failure, e.g. {@code provider_error}
     * @param message for people; must not contain a secret
     */
    public ProviderException(String reason, String message, boolean retryable) {
        this(reason, message, retryable, null);
    }

    /**
     * @param retryAfter how long the provider asked to be left alone ({@code Retry-After}, a model's loading time)
     */
    public ProviderException(String reason, String message, boolean retryable, @Nullable Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /**
     * For a failure expected in numbers, such as an open circuit's refusals of every waiting job: without a stack trace
     * to fill.
     */
    protected ProviderException(String reason, String message, boolean retryable, @Nullable Duration retryAfter,
            boolean writableStackTrace) {
        super(message, null, false, writableStackTrace);
        this.reason = reason;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public String reason() {
        return reason;
    }

    /** A later attempt may succeed: throttling, a model loading, a timeout, the provider's own error. */
    public boolean retryable() {
        return retryable;
    }

    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
