package dev.imagepipeline.webhook;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The Webhook Service on its own; the all-in-one runner imports this class with the other services'. */
@SpringBootApplication
@EnableConfigurationProperties(WebhookReceiverSettings.class)
public class WebhookReceiverApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebhookReceiverApplication.class, args);
    }
}
