package dev.imagepipeline.generation.provider;

import java.util.List;
import java.util.Map;

/**
 * An order a provider accepted to run on its own, reporting the outcome later by callback.
 *
 * @param id the provider's id for the run
 * @param warnings what the provider could not take as ordered
 * @param providerInput the parameters the provider was sent, as in {@link GeneratedBatch#providerInput()}
 */
public record SubmittedRun(String model, long seed, String id, List<String> warnings,
        Map<String, Object> providerInput) {

    public SubmittedRun {
        warnings = List.copyOf(warnings);
        providerInput = Map.copyOf(providerInput);
    }

    /** A run whose provider input is not known. */
    public SubmittedRun(String model, long seed, String id, List<String> warnings) {
        this(model, seed, id, warnings, Map.of());
    }
}
