package dev.imagepipeline.webhook.relay;

import java.time.Clock;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.imagepipeline.web.signing.SigningSecret;
import dev.imagepipeline.webhook.WebhookReceiverSettings;
import dev.imagepipeline.webhook.signature.SecretSource;
import dev.imagepipeline.webhook.signature.StandardWebhookVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the checks of relayed callbacks. The secret is the setting, else {@code WEBHOOK_SECRET} read here, as the
 * all-in-one runner shadows this module's application.yml and a secret lost there would reject every relay.
 */
@Configuration(proxyBeanMethods = false)
class WebhookReceiverRelayConfiguration {

    @Bean
    RelayChecks webhookReceiverRelayChecks(WebhookReceiverSettings settings, Environment environment, JsonMapper json,
            Clock clock) {
        var secrets = secret(settings.relaySecret(), environment.getProperty("WEBHOOK_SECRET"))
                .map(SigningSecret::parse)
                .map(SecretSource::of)
                .orElseGet(SecretSource::none);
        return new RelayChecks(new StandardWebhookVerifier(secrets, settings.tolerance(), clock),
                new RelayFormat(json, new ImageUrls(settings.relayAllowedNetworks())));
    }

    private static Optional<String> secret(@Nullable String configured, @Nullable String environment) {
        return Optional.ofNullable(configured)
                .filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(environment).filter(value -> !value.isBlank()))
                .map(String::strip);
    }
}
