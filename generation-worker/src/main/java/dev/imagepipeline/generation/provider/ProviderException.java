package dev.imagepipeline.generation.provider;

/**
 * A provider could not deliver.
 *
 * @see #reason()
 */
public class ProviderException extends RuntimeException {

    private final String reason;
    private final boolean retryable;

    /**
     * @param reason a stable code for the job's failure, e.g. {@code provider_error}
     * @param message for people; must not contain a secret
     */
    public ProviderException(String reason, String message, boolean retryable) {
        super(message);
        this.reason = reason;
        this.retryable = retryable;
    }

    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }
}
