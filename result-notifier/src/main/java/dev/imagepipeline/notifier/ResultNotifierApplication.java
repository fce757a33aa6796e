package dev.imagepipeline.notifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Runs result-notifier on its own; the all-in-one runner imports it instead. */
@SpringBootApplication
@EnableConfigurationProperties(ResultNotifierSettings.class)
public class ResultNotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(ResultNotifierApplication.class, args);
    }
}
