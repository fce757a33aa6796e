package dev.imagepipeline.generation.provider.replicate;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body that creates a prediction.
 *
 * @param version absent for an official model, whose endpoint names it
 * @param input the model's own inputs, named as the model names them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CreatePrediction(@Nullable String version, Map<String, Object> input) {
}
