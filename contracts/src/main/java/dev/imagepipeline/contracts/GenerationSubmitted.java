package dev.imagepipeline.contracts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An asynchronous provider accepted the job; its outcome arrives later by webhook.
 *
 * @param model the model the provider runs, as jobs name it
 * @param seed the seed the provider was given
 * @param predictionId the provider's id for the run, by which it can be canceled
 * @param warnings settings the provider cannot honour, and a fallback that led here; the terminal event does not
 *        repeat them
 * @param recipe the record the run's images will carry, as far as it is known before they exist; the worker that ends
 *        the run completes it. Absent in events written before records were kept
 */
public record GenerationSubmitted(JobId jobId, Instant at, String provider, String model, long seed,
        String predictionId, List<String> warnings, @Nullable ImageRecord recipe) implements JobEvent {

    public GenerationSubmitted {
        warnings = List.copyOf(warnings);
    }

    /** A submission without a recipe. */
    public GenerationSubmitted(JobId jobId, Instant at, String provider, String model, long seed, String predictionId,
            List<String> warnings) {
        this(jobId, at, provider, model, seed, predictionId, warnings, null);
    }
}
