package dev.imagepipeline.generation.provider.huggingface;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of hf-inference's text-to-image task; a parameter the job leaves open is left out. */
record TextToImageRequest(String inputs, Parameters parameters) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Parameters(@JsonProperty("negative_prompt") @Nullable String negativePrompt,
            @JsonProperty("guidance_scale") @Nullable Double guidanceScale,
            @JsonProperty("num_inference_steps") @Nullable Integer numInferenceSteps, int width, int height,
            long seed) {
    }
}
