package dev.imagepipeline.generation.compliance;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.ComplianceResult;
import dev.imagepipeline.generation.provider.RenderedImage;

/**
 * One image's compliance: the result to publish, and the fixed copy to store beside the original.
 *
 * @param fixedImage the fixed copy as a PNG; absent when no fix was asked for or none changed anything
 */
public record Inspection(ComplianceResult result, @Nullable RenderedImage fixedImage) {

    public Optional<RenderedImage> fixed() {
        return Optional.ofNullable(fixedImage);
    }
}
