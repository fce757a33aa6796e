package dev.imagepipeline.prompt;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Runs prompt-worker on its own; the all-in-one runner imports it instead. */
@SpringBootApplication
@EnableConfigurationProperties(PromptWorkerSettings.class)
public class PromptWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PromptWorkerApplication.class, args);
    }
}
