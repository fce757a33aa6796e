package dev.imagepipeline.webhook.replicate;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.imagepipeline.web.signing.SigningSecret;
import dev.imagepipeline.webhook.WebhookReceiverSettings;
import dev.imagepipeline.webhook.signature.SecretSource;
import dev.imagepipeline.webhook.signature.StandardWebhookVerifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the Replicate webhook's signature check under a name no other module uses. Each setting is read first, then
 * the environment variables this module's application.yml would bind it from: the all-in-one runner shadows that
 * file, and a secret lost there would quietly reject every callback.
 */
@Configuration(proxyBeanMethods = false)
class WebhookReceiverReplicateConfiguration {

    static final URI DEFAULT_API_BASE_URL = URI.create("https://api.replicate.com");

    private static final Logger log = LoggerFactory.getLogger(WebhookReceiverReplicateConfiguration.class);

    @Bean
    StandardWebhookVerifier webhookReceiverReplicateVerifier(WebhookReceiverSettings settings, Environment environment,
            JsonMapper json, Clock clock) {
        return new StandardWebhookVerifier(replicateSecrets(settings, environment, json, clock), settings.tolerance(),
                clock);
    }

    /** A configured secret; else, with an API token, the account's secret fetched from Replicate; else none. */
    private static SecretSource replicateSecrets(WebhookReceiverSettings settings, Environment environment,
            JsonMapper json, Clock clock) {
        var secret = firstNonBlank(settings.replicateSecret(), environment.getProperty("REPLICATE_WEBHOOK_SECRET"),
                environment.getProperty("WEBHOOK_SECRET"));
        if (secret.isPresent()) {
            return SecretSource.of(SigningSecret.parse(secret.get()));
        }
        var token = firstNonBlank(settings.replicateApiToken(), environment.getProperty("REPLICATE_API_TOKEN"));
        if (token.isEmpty()) {
            return SecretSource.none();
        }
        URI baseUrl = Optional.ofNullable(settings.replicateApiBaseUrl())
                .filter(url -> !url.toString().isBlank())
                .or(() -> firstNonBlank(environment.getProperty("REPLICATE_API_BASE_URL")).map(URI::create))
                .orElse(DEFAULT_API_BASE_URL);
        log.info("No Replicate webhook signing secret is configured; it will be fetched from {} with the API token "
                + "when the first callback arrives", baseUrl);
        return new FetchedWebhookSecret(new WebhookSecretClient(baseUrl, token.get(), json), clock);
    }

    private static Optional<String> firstNonBlank(@Nullable String... values) {
        return Stream.of(values)
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .findFirst();
    }
}
