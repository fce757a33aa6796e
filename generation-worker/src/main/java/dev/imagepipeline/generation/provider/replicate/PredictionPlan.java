package dev.imagepipeline.generation.provider.replicate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The predictions an order takes on one model, and what the model could not take as ordered.
 *
 * @param images how many images the order asked for, across all calls
 */
record PredictionPlan(ReplicateModel model, List<PredictionCall> calls, int images, List<String> warnings) {

    PredictionPlan {
        calls = List.copyOf(calls);
        warnings = List.copyOf(warnings);
    }

    /** What the first prediction is sent besides the prompts: the settings as this model takes them. */
    Map<String, Object> providerInput() {
        var input = new HashMap<>(calls.getFirst().input());
        input.remove("prompt");
        input.remove("negative_prompt");
        return input;
    }
}
