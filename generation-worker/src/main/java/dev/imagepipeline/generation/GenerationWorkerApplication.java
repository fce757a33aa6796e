package dev.imagepipeline.generation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.imagepipeline.web.pricing.PricingSettings;

/** Runs generation-worker on its own; the all-in-one runner imports it instead. */
@SpringBootApplication
@EnableConfigurationProperties({GenerationWorkerSettings.class, PricingSettings.class})
public class GenerationWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(GenerationWorkerApplication.class, args);
    }
}
