package dev.imagepipeline.generation.provider;

/** Hears how far a provider has come with an order. */
@FunctionalInterface
public interface ProgressListener {

    /** @param percent 0 to 100 */
    void progressed(int percent, String message);
}
