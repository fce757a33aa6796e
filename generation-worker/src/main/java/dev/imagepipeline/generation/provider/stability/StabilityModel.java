package dev.imagepipeline.generation.provider.stability;

import java.util.Arrays;

import dev.imagepipeline.generation.provider.ProviderException;

/** The models Stability AI offers here, in prompt-worker's catalog order, each with the endpoint that runs it. */
enum StabilityModel {

    CORE("core", "/v2beta/stable-image/generate/core"),
    ULTRA("ultra", "/v2beta/stable-image/generate/ultra"),
    SD3_5_LARGE("sd3.5-large", "/v2beta/stable-image/generate/sd3"),
    SD3_5_MEDIUM("sd3.5-medium", "/v2beta/stable-image/generate/sd3"),
    SDXL_1_0("stable-diffusion-xl-1024-v1-0", "/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image");

    private final String id;
    private final String path;

    StabilityModel(String id, String path) {
        this.id = id;
        this.path = path;
    }

    /** The model a job names, case aside. */
    static StabilityModel of(String id) {
        return Arrays.stream(values())
                .filter(model -> model.id.equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> new ProviderException("invalid_request",
                        "Stability AI has no model '%s' here; it offers %s".formatted(id, ids()), false));
    }

    String id() {
        return id;
    }

    String path() {
        return path;
    }

    /** SDXL 1.0 runs only on the legacy v1 API, which takes JSON instead of a form. */
    boolean legacy() {
        return this == SDXL_1_0;
    }

    /** The SD3.5 models share one endpoint that is told the model by a form field. */
    boolean sd3() {
        return this == SD3_5_LARGE || this == SD3_5_MEDIUM;
    }

    /** Core and Ultra choose their own guidance. */
    boolean takesGuidance() {
        return sd3() || legacy();
    }

    /** Only v1 takes a step count; the v2beta endpoints choose their own. */
    boolean takesSteps() {
        return legacy();
    }

    private static String ids() {
        return String.join(", ", Arrays.stream(values()).map(StabilityModel::id).toList());
    }
}
