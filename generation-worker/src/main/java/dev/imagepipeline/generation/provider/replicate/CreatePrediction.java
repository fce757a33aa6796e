package dev.imagepipeline.generation.provider.replicate;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body that creates a prediction.
 *
 * @param version absent for an official model, whose endpoint names it
 * @param input the model's own inputs, named as the model names them
 * @param webhook where Replicate posts the prediction as it moves on; absent when it is polled
 * @param webhookEventsFilter the moves it posts: its start and its end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CreatePrediction(@Nullable String version, Map<String, Object> input, @Nullable URI webhook,
        @JsonProperty("webhook_events_filter") @Nullable List<String> webhookEventsFilter) {

    static final List<String> START_AND_END = List.of("start", "completed");

    static CreatePrediction of(@Nullable String version, Map<String, Object> input, @Nullable URI webhook) {
        return new CreatePrediction(version, input, webhook, webhook == null ? null : START_AND_END);
    }
}
