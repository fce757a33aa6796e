package dev.imagepipeline.generation.provider.replicate;

import java.util.Map;

/**
 * One prediction to create.
 *
 * @param images how many images it should deliver
 * @param width, height the size it draws, for an image whose size cannot be read from its bytes
 * @param inline worth holding the create request open for, as the model usually ends within seconds
 */
record PredictionCall(ReplicateModel.Route route, Map<String, Object> input, int images, int width, int height,
        boolean inline) {

    PredictionCall {
        input = Map.copyOf(input);
    }
}
