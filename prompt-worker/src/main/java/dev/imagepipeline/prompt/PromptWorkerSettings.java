package dev.imagepipeline.prompt;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything prompt-worker can be told.
 *
 * @param defaultProvider the provider a job gets when it names none, and the one {@code /api/prompt/generate} shapes
 *        for
 * @param concurrency listener threads reading requests
 * @param previewModels the models {@code /api/prompt/preview} shows when a request names none, as
 *        {@code provider/model}; empty means each provider's default model
 */
@ConfigurationProperties("pipeline.prompt-worker")
public record PromptWorkerSettings(@DefaultValue("local") String defaultProvider, @DefaultValue("2") int concurrency,
        @DefaultValue List<String> previewModels) {
}
