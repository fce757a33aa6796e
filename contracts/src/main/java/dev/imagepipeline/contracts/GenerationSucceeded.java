package dev.imagepipeline.contracts;

import java.time.Instant;
import java.util.List;

/**
 * The job's images are ready.
 *
 * @param warnings settings the provider could not honour, fewer images than asked, and the like
 */
public record GenerationSucceeded(JobId jobId, Instant at, String provider, String model, long seed,
        List<GeneratedImage> images, List<String> warnings) implements JobEvent {

    public GenerationSucceeded {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
    }
}
