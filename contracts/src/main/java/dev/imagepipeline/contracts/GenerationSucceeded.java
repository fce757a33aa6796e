package dev.imagepipeline.contracts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The job's images are ready.
 *
 * @param seed the seed the provider was given
 * @param warnings settings the provider could not honour, fewer images than asked, and the like; for a job that was
 *        submitted, the submission's warnings come before these
 * @param runs the provider's calls for the job, with their ids and reported timings
 * @param cost what the job cost at the provider's prices; absent in events written before costs were recorded
 */
public record GenerationSucceeded(JobId jobId, Instant at, String provider, String model, long seed,
        List<GeneratedImage> images, List<String> warnings, List<ProviderRun> runs, @Nullable Cost cost)
        implements JobEvent {

    public GenerationSucceeded {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
        // Events written before runs were recorded have none.
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /** A job's images without a recorded cost. */
    public GenerationSucceeded(JobId jobId, Instant at, String provider, String model, long seed,
            List<GeneratedImage> images, List<String> warnings, List<ProviderRun> runs) {
        this(jobId, at, provider, model, seed, images, warnings, runs, null);
    }
}
