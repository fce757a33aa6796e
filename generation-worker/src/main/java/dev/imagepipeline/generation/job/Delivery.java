package dev.imagepipeline.generation.job;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.provider.GeneratedBatch;

/** Hands a provider's images to the store, and tells the job where they are. */
final class Delivery {

    private Delivery() {
    }

    /** @param notes what happened on the way, such as a fallback; they come before the provider's own warnings */
    static GenerationSucceeded succeeded(JobId job, Instant at, String provider, GeneratedBatch batch,
            List<String> notes, ImageStore store) {
        var images = batch.images().stream().map(store::store).toList();
        var warnings = Stream.concat(notes.stream(), batch.warnings().stream()).toList();
        return new GenerationSucceeded(job, at, provider, batch.model(), batch.seed(), images, warnings, batch.runs());
    }
}
