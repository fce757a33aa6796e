package dev.imagepipeline.webhook.replicate;

import java.time.Clock;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.imagepipeline.webhook.WebhookReceiverSettings;
import dev.imagepipeline.webhook.signature.SigningSecret;
import dev.imagepipeline.webhook.signature.StandardWebhookVerifier;
import tools.jackson.databind.json.JsonMapper;

/** Wires the Replicate webhook: its signature check and its mapping, under names no other module uses. */
@Configuration(proxyBeanMethods = false)
class WebhookReceiverReplicateConfiguration {

    @Bean
    StandardWebhookVerifier webhookReceiverReplicateVerifier(WebhookReceiverSettings settings, Environment environment,
            Clock clock) {
        return new StandardWebhookVerifier(replicateSecret(settings, environment), settings.tolerance(), clock);
    }

    @Bean
    PredictionMapper webhookReceiverReplicateMapper(JsonMapper json, Clock clock) {
        return new PredictionMapper(json, clock);
    }

    /**
     * The setting first, then the environment variables this module's application.yml binds it from: the all-in-one
     * runner shadows that file, and a secret lost there would quietly reject every callback.
     */
    private static @Nullable SigningSecret replicateSecret(WebhookReceiverSettings settings, Environment environment) {
        return Stream
                .of(settings.replicateSecret(), environment.getProperty("REPLICATE_WEBHOOK_SECRET"),
                        environment.getProperty("WEBHOOK_SECRET"))
                .filter(Objects::nonNull)
                .filter(secret -> !secret.isBlank())
                .findFirst()
                .map(SigningSecret::parse)
                .orElse(null);
    }
}
