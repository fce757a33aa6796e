package dev.imagepipeline.prompt.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.prompt.engine.ModelTarget.Sizing;

/**
 * The models the pipeline's providers offer, each with the family whose prompt rules it follows. A provider's first
 * model is its default.
 */
public final class ModelCatalog {

    private static final List<ModelTarget> MODELS = List.of(
            // The offline renderer is shaped as SDXL, so that the prompt seen offline is the one SDXL would get.
            known("local", "preview", ModelFamily.SDXL, Sizing.RENDERED),
            known("replicate", "flux-schnell", ModelFamily.FLUX_SCHNELL, Sizing.MEGAPIXELS),
            known("replicate", "flux-dev", ModelFamily.FLUX_DEV, Sizing.MEGAPIXELS),
            known("replicate", "flux-1.1-pro", ModelFamily.FLUX_PRO, Sizing.EXACT),
            known("replicate", "sdxl", ModelFamily.SDXL, Sizing.EXACT),
            known("huggingface", "stabilityai/stable-diffusion-xl-base-1.0", ModelFamily.SDXL, Sizing.EXACT),
            known("huggingface", "black-forest-labs/FLUX.1-schnell", ModelFamily.FLUX_SCHNELL, Sizing.EXACT),
            known("huggingface", "black-forest-labs/FLUX.1-dev", ModelFamily.FLUX_DEV, Sizing.EXACT),
            known("stability", "core", ModelFamily.STABLE_IMAGE, Sizing.ASPECT_RATIO),
            known("stability", "ultra", ModelFamily.STABLE_IMAGE, Sizing.ASPECT_RATIO),
            known("stability", "sd3.5-large", ModelFamily.SD3, Sizing.ASPECT_RATIO),
            known("stability", "sd3.5-medium", ModelFamily.SD3, Sizing.ASPECT_RATIO),
            known("stability", "stable-diffusion-xl-1024-v1-0", ModelFamily.SDXL, Sizing.SDXL_SIZES));

    /** Name fragments that give a model's family away, most specific first. */
    private static final List<Map.Entry<String, ModelFamily>> NAME_HINTS = List.of(
            Map.entry("schnell", ModelFamily.FLUX_SCHNELL), Map.entry("flux-1.1-pro", ModelFamily.FLUX_PRO),
            Map.entry("flux-pro", ModelFamily.FLUX_PRO), Map.entry("flux", ModelFamily.FLUX_DEV),
            Map.entry("sd3", ModelFamily.SD3), Map.entry("diffusion-3", ModelFamily.SD3),
            Map.entry("v1-5", ModelFamily.SD15), Map.entry("sd15", ModelFamily.SD15));

    private ModelCatalog() {
    }

    /** Every model the catalog knows, providers in order, each provider's default first. */
    public static List<ModelTarget> models() {
        return MODELS;
    }

    /** The providers the catalog knows. */
    public static List<String> providers() {
        return MODELS.stream().map(ModelTarget::provider).distinct().toList();
    }

    /** Each provider's default model. */
    public static List<ModelTarget> defaults() {
        return providers().stream().map(provider -> resolve(provider, null)).toList();
    }

    /**
     * The model a job will run on: the named one, the provider's default when none is named, or, for a model the
     * catalog does not know, one whose family is guessed from its name.
     */
    public static ModelTarget resolve(String provider, @Nullable String model) {
        return MODELS.stream()
                .filter(target -> target.provider().equals(provider))
                .filter(target -> model == null || target.model().equalsIgnoreCase(model))
                .findFirst()
                .orElseGet(() -> guess(provider, Optional.ofNullable(model).orElse("default")));
    }

    private static ModelTarget guess(String provider, String model) {
        String name = model.toLowerCase(Locale.ROOT);
        ModelFamily family = NAME_HINTS.stream()
                .filter(hint -> name.contains(hint.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                // Most image models read CLIP's 75 tokens, and a prompt that fits those fits the others too.
                .orElse(ModelFamily.SDXL);
        return new ModelTarget(provider, model, family, Sizing.EXACT, false);
    }

    private static ModelTarget known(String provider, String model, ModelFamily family, Sizing sizing) {
        return new ModelTarget(provider, model, family, sizing, true);
    }
}
