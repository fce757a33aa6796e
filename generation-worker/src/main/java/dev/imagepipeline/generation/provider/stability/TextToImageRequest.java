package dev.imagepipeline.generation.provider.stability;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.imagepipeline.generation.provider.GenerationOrder;

/** The v1 text-to-image body; the negative prompt travels as a prompt of weight -1. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TextToImageRequest(@JsonProperty("text_prompts") List<TextPrompt> textPrompts,
        @JsonProperty("cfg_scale") @Nullable Double cfgScale, @Nullable Integer steps, int width, int height,
        int samples, long seed) {

    static TextToImageRequest of(GenerationOrder order, long seed) {
        var prompts = new ArrayList<TextPrompt>();
        prompts.add(new TextPrompt(order.prompt(), 1));
        if (!order.negativePrompt().isBlank()) {
            prompts.add(new TextPrompt(order.negativePrompt(), -1));
        }
        var settings = order.settings();
        // One sample per request, so that every image has its own known seed, as on v2beta.
        return new TextToImageRequest(prompts, settings.guidanceScale(), settings.numInferenceSteps(), settings.width(),
                settings.height(), 1, seed);
    }

    record TextPrompt(String text, int weight) {
    }
}
