package dev.imagepipeline.generation.provider;

/** Turns one prepared prompt into images. Implementations are thread-safe. */
public interface ImageProvider {

    /** The name jobs choose this provider by, e.g. {@code local}. */
    String name();

    /** The model used when a job names none. */
    String defaultModel();

    /**
     * Generates the order's images, reporting progress as it goes.
     *
     * @throws ProviderException when the provider cannot deliver; the exception says whether a retry may help
     */
    GeneratedBatch generate(GenerationOrder order, ProgressListener progress);

    /** Whether calls spend an account's quota, and so go through the provider's rate limiter. */
    default boolean metered() {
        return true;
    }
}
