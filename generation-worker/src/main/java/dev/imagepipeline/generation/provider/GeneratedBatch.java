package dev.imagepipeline.generation.provider;

import java.util.List;

import dev.imagepipeline.contracts.ProviderRun;

/**
 * The images a provider returned for one order, with what it could not honour.
 *
 * @param runs the provider's calls, where it reports their ids or timings
 */
public record GeneratedBatch(String model, long seed, List<RenderedImage> images, List<String> warnings,
        List<ProviderRun> runs) {

    public GeneratedBatch {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
        runs = List.copyOf(runs);
    }

    /** A batch from a provider that reports nothing about its calls. */
    public GeneratedBatch(String model, long seed, List<RenderedImage> images, List<String> warnings) {
        this(model, seed, images, warnings, List.of());
    }
}
