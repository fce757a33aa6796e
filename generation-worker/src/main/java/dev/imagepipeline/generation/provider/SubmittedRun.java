package dev.imagepipeline.generation.provider;

import java.util.List;

/**
 * An order a provider accepted to run on its own, reporting the outcome later by callback.
 *
 * @param id the provider's id for the run
 * @param warnings what the provider could not take as ordered
 */
public record SubmittedRun(String model, long seed, String id, List<String> warnings) {

    public SubmittedRun {
        warnings = List.copyOf(warnings);
    }
}
