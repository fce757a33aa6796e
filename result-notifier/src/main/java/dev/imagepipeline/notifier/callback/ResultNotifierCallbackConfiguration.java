package dev.imagepipeline.notifier.callback;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.imagepipeline.notifier.ResultNotifierSettings;
import dev.imagepipeline.notifier.ResultNotifierSettings.Callbacks;
import dev.imagepipeline.web.callback.CallbackUrlPolicy;
import dev.imagepipeline.web.signing.SigningSecret;

/**
 * Wires the outgoing webhooks. The signing secret is read from the settings, then from {@code CALLBACK_SIGNING_SECRET}
 * in code: the all-in-one runner shadows this module's application.yml, and a secret lost there would quietly turn
 * callbacks off.
 */
@Configuration(proxyBeanMethods = false)
class ResultNotifierCallbackConfiguration {

    static final String SECRET_VARIABLE = "CALLBACK_SIGNING_SECRET";

    private static final Logger log = LoggerFactory.getLogger(ResultNotifierCallbackConfiguration.class);

    @Bean
    CallbackDeliveries resultNotifierCallbackDeliveries(ResultNotifierSettings settings, Environment environment,
            Clock clock) {
        Callbacks callbacks = settings.callbacks();
        var policy = new CallbackUrlPolicy(callbacks.allowedNetworks());
        var targets = new CallbackTargets(settings.maxJobs(), settings.jobRetention(), clock);
        boolean everyEvent = callbacks.events() == Callbacks.Events.ALL;
        var secret = Optional.ofNullable(callbacks.signingSecret())
                .filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(environment.getProperty(SECRET_VARIABLE)).filter(v -> !v.isBlank()));
        if (secret.isEmpty()) {
            log.warn("No callback signing secret is configured (pipeline.result-notifier.callbacks.signing-secret or "
                    + "{}): callbacks are off, and jobs' callbackUrls are not called", SECRET_VARIABLE);
            return new CallbackDeliveries(null, targets, policy, everyEvent, callbacks.retryFor(), clock);
        }
        var sender = new CallbackSender(policy, callbacks.connectTimeout(), callbacks.readTimeout(),
                callbacks.concurrency());
        var retries = new RetryPolicy(callbacks.firstRetry(), callbacks.maxRetryInterval(), clock);
        var dispatcher = new CallbackDispatcher(sender, signer(secret.get(), callbacks), retries,
                callbacks.concurrency(), callbacks.maxPending(), clock);
        return new CallbackDeliveries(dispatcher, targets, policy, everyEvent, callbacks.retryFor(), clock);
    }

    private static WebhookSigner signer(String secret, Callbacks callbacks) {
        var clientKeys = new LinkedHashMap<String, SigningSecret>();
        callbacks.clientSigningSecrets().forEach((client, value) -> clientKeys.put(client, SigningSecret.parse(value)));
        return new WebhookSigner(SigningSecret.parse(secret), clientKeys);
    }
}
