package dev.imagepipeline.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.imagepipeline.web.pricing.PricingSettings;

/** Runs ingest-api on its own; the all-in-one runner imports it instead. */
@SpringBootApplication
@EnableConfigurationProperties({IngestApiSettings.class, PricingSettings.class})
public class IngestApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApiApplication.class, args);
    }
}
