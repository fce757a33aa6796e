package dev.imagepipeline.webhook;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything webhook-receiver can be told.
 *
 * @param replicateSecret the {@code whsec_...} key Replicate signs its webhooks with; when blank, the environment
 *        variables {@code REPLICATE_WEBHOOK_SECRET} and {@code WEBHOOK_SECRET} are tried
 * @param replicateApiToken used only when no secret is configured, to fetch the account's secret from Replicate on
 *        the first callback; when blank, {@code REPLICATE_API_TOKEN} is tried; without a secret or a token, every
 *        Replicate callback is rejected
 * @param replicateApiBaseUrl where Replicate's API is; when absent, {@code REPLICATE_API_BASE_URL}, else
 *        {@code https://api.replicate.com}
 * @param tolerance how far a callback's signed timestamp may lie from now, either way, before it is rejected
 * @param maxBodySize the largest callback body read; a larger one is answered with 413
 */
@ConfigurationProperties("pipeline.webhook-receiver")
public record WebhookReceiverSettings(@Nullable String replicateSecret, @Nullable String replicateApiToken,
        @Nullable URI replicateApiBaseUrl, @DefaultValue("5m") Duration tolerance,
        @DefaultValue("1MB") DataSize maxBodySize) {

    public WebhookReceiverSettings {
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("pipeline.webhook-receiver.tolerance must not be negative");
        }
        // The body is read into one array, so the limit has to fit in one.
        if (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pipeline.webhook-receiver.max-body-size must be between 1B and 2GB");
        }
    }

    /** The body limit in bytes. */
    public int maxBodyBytes() {
        return (int) maxBodySize.toBytes();
    }

    @Override
    public String toString() {
        // The record's generated toString would print the secret and the token wherever the settings get logged.
        return "WebhookReceiverSettings[replicateSecret=" + masked(replicateSecret) + ", replicateApiToken="
                + masked(replicateApiToken) + ", replicateApiBaseUrl=" + replicateApiBaseUrl + ", tolerance="
                + tolerance + ", maxBodySize=" + maxBodySize + "]";
    }

    private static String masked(@Nullable String credential) {
        return credential == null || credential.isBlank() ? "<not set>" : "******";
    }
}
