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

    /**
     * Whether the order is to be {@linkplain #submit submitted} rather than generated: the provider runs it on its own
     * and calls back when it ends.
     */
    default boolean submits(GenerationOrder order) {
        return false;
    }

    /**
     * Hands the order to the provider to run on its own; its outcome arrives later as a
     * {@link dev.imagepipeline.contracts.ProviderCallback}, for {@link RunCallbacks}.
     *
     * @throws ProviderException when the provider refused the order
     * @throws UnsupportedOperationException for an order the provider does not {@linkplain #submits submit}
     */
    default SubmittedRun submit(GenerationOrder order, ProgressListener progress) {
        throw new UnsupportedOperationException(name() + " generates its orders at once");
    }

    /** Whether calls spend an account's quota, and so go through the provider's rate limiter. */
    default boolean metered() {
        return true;
    }
}
