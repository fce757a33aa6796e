package dev.imagepipeline.webhook.replicate;

import java.time.Clock;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
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
            ObjectProvider<Clock> clocks) {
        return new StandardWebhookVerifier(replicateSecret(settings, environment), settings.tolerance(), clock(clocks));
    }

    @Bean
    PredictionMapper webhookReceiverReplicateMapper(JsonMapper json, ObjectProvider<Clock> clocks) {
        return new PredictionMapper(json, clock(clocks));
    }

    /** A context with one {@link Clock} bean (a test, a runner) sets the time; otherwise it is the system's. */
    private static Clock clock(ObjectProvider<Clock> clocks) {
        return clocks.getIfUnique(Clock::systemUTC);
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
