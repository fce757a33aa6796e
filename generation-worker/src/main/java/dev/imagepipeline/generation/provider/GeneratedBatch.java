package dev.imagepipeline.generation.provider;

import java.util.List;

/** The images a provider returned for one order, with what it could not honour. */
public record GeneratedBatch(String model, long seed, List<RenderedImage> images, List<String> warnings) {

    public GeneratedBatch {
        images = List.copyOf(images);
        warnings = List.copyOf(warnings);
    }
}
