package dev.imagepipeline.prompt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything prompt-worker can be told.
 *
 * @param defaultProvider the provider a job gets when it names none
 * @param concurrency listener threads reading requests
 */
@ConfigurationProperties("pipeline.prompt-worker")
public record PromptWorkerSettings(@DefaultValue("local") String defaultProvider, @DefaultValue("2") int concurrency) {
}
