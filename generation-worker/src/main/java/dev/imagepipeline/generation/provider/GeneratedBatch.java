package dev.imagepipeline.generation.provider;

import java.util.List;
import java.util.Map;

import dev.imagepipeline.contracts.ProviderRun;

/**
 * The images a provider returned for one order, with what it could not honour.
 *
 * @param runs the provider's calls, where it reports their ids or timings
 * @param providerInput the parameters the provider was really sent for the batch's first image, after the settings
 *        were mapped onto the model, without the prompts and without any secret; empty where it is not known
 */
public record GeneratedBatch(String model, long seed, List<RenderedImage> images, List<String> warnings,
        List<ProviderRun> runs, Map<String, Object> providerInput) {

    public GeneratedBatch {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
        runs = List.copyOf(runs);
        providerInput = Map.copyOf(providerInput);
    }

    /** A batch whose provider input is not known. */
    public GeneratedBatch(String model, long seed, List<RenderedImage> images, List<String> warnings,
            List<ProviderRun> runs) {
        this(model, seed, images, warnings, runs, Map.of());
    }

    /** A batch from a provider that reports nothing about its calls. */
    public GeneratedBatch(String model, long seed, List<RenderedImage> images, List<String> warnings) {
        this(model, seed, images, warnings, List.of());
    }
}
