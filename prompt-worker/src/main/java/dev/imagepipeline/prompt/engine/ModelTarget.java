package dev.imagepipeline.prompt.engine;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Resolution;

/**
 * One model at one provider, as the engine shapes prompts for it.
 *
 * @param known the model is in the catalog; otherwise its family was guessed from its name
 * @param sizing which of the API's sizes the provider can ask the model for
 */
public record ModelTarget(String provider, String model, ModelFamily family, Sizing sizing, boolean known) {

    /** How a provider's API takes the image size. */
    public enum Sizing {
        /** width and height as asked */
        EXACT,
        /** drawn at any size by a renderer with no trained model behind it */
        RENDERED,
        /** a megapixel setting: 0.25 (512x512) or 1 (1024x1024) */
        MEGAPIXELS,
        /** an aspect ratio only; the API picks the size (about one megapixel) */
        ASPECT_RATIO,
        /** a fixed list of sizes of which only 1024x1024 is square */
        SDXL_SIZES
    }

    /** The {@code provider/model} name previews and logs use. */
    public String id() {
        return provider + "/" + model;
    }

    /** The size the provider will ask for, when it cannot ask for the one requested; absent when it can. */
    @Nullable
    Resolution substitute(Resolution asked) {
        return switch (sizing) {
            case EXACT, RENDERED, ASPECT_RATIO -> null;
            case MEGAPIXELS -> asked == Resolution.R768 ? Resolution.R1024 : null;
            case SDXL_SIZES -> asked == Resolution.R1024 ? null : Resolution.R1024;
        };
    }
}
