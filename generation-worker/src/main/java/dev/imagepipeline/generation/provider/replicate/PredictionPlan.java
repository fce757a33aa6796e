package dev.imagepipeline.generation.provider.replicate;

import java.util.List;

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
}
