package dev.imagepipeline.generation.provider.stability;

import java.math.BigDecimal;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import dev.imagepipeline.generation.provider.GenerationOrder;

/** The multipart form a v2beta Stable Image endpoint takes; every field is a text part. */
final class StableImageForm {

    /** Our sizes are square, and the endpoints take a ratio rather than a size. */
    static final String ASPECT_RATIO = "1:1";

    private StableImageForm() {
    }

    static MultiValueMap<String, String> of(StabilityModel model, GenerationOrder order, long seed) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("prompt", order.prompt());
        if (!order.negativePrompt().isBlank()) {
            form.add("negative_prompt", order.negativePrompt());
        }
        if (model.sd3()) {
            form.add("model", model.id());
            form.add("mode", "text-to-image");
            Double guidance = order.settings().guidanceScale();
            if (guidance != null) {
                form.add("cfg_scale", number(guidance));
            }
        }
        form.add("aspect_ratio", ASPECT_RATIO);
        form.add("seed", Long.toString(seed));
        form.add("output_format", "png");
        return form;
    }

    /** {@code 5} rather than {@code 5.0}: the shortest text of the number. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
