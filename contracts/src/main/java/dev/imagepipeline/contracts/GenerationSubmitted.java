package dev.imagepipeline.contracts;

import java.time.Instant;
import java.util.List;

/**
 * An asynchronous provider accepted the job; its outcome arrives later by webhook.
 *
 * @param model the model the provider runs, as jobs name it
 * @param seed the seed the provider was given
 * @param predictionId the provider's id for the run, by which it can be canceled
 * @param warnings settings the provider cannot honour, and a fallback that led here; the terminal event does not
 *        repeat them
 */
public record GenerationSubmitted(JobId jobId, Instant at, String provider, String model, long seed,
        String predictionId, List<String> warnings) implements JobEvent {

    public GenerationSubmitted {
        warnings = List.copyOf(warnings);
    }
}
