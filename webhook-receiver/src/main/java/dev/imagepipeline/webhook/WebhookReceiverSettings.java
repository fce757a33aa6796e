package dev.imagepipeline.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;

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
 * @param maxBodySize the largest Replicate callback body read; a larger one is answered with 413
 * @param relaySecret the {@code whsec_...} key relays sign Hugging Face and Stability callbacks with; when blank, the
 *        environment variable {@code WEBHOOK_SECRET} is tried; without either, every relayed callback is rejected
 * @param relayMaxBodySize the largest relayed callback body read; it travels whole in one Kafka record, so it stays
 *        below the broker's record limit (1 MB by default) with room to spare
 * @param relayAllowedNetworks networks (CIDR) a relayed image URL may point into although they are loopback, private
 *        or link-local, such as {@code 127.0.0.0/8} for a relay on this machine; URLs into them may be plain http
 */
@ConfigurationProperties("pipeline.webhook-receiver")
public record WebhookReceiverSettings(@Nullable String replicateSecret, @Nullable String replicateApiToken,
        @Nullable URI replicateApiBaseUrl, @DefaultValue("5m") Duration tolerance,
        @DefaultValue("1MB") DataSize maxBodySize, @Nullable String relaySecret,
        @DefaultValue("768KB") DataSize relayMaxBodySize, @DefaultValue List<String> relayAllowedNetworks) {

    public WebhookReceiverSettings {
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("pipeline.webhook-receiver.tolerance must not be negative");
        }
        requireArraySized("max-body-size", maxBodySize);
        requireArraySized("relay-max-body-size", relayMaxBodySize);
        relayAllowedNetworks = List.copyOf(relayAllowedNetworks);
    }

    /** The Replicate body limit in bytes. */
    public int maxBodyBytes() {
        return (int) maxBodySize.toBytes();
    }

    /** The relayed body limit in bytes. */
    public int relayMaxBodyBytes() {
        return (int) relayMaxBodySize.toBytes();
    }

    /** A body is read into one array, so its limit has to fit in one. */
    private static void requireArraySized(String name, DataSize limit) {
        if (limit.toBytes() < 1 || limit.toBytes() >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("pipeline.webhook-receiver." + name + " must be between 1B and 2GB");
        }
    }

    @Override
    public String toString() {
        // The record's generated toString would print the secret and the token wherever the settings get logged.
        return "WebhookReceiverSettings[replicateSecret=" + masked(replicateSecret) + ", replicateApiToken="
                + masked(replicateApiToken) + ", replicateApiBaseUrl=" + replicateApiBaseUrl + ", tolerance="
                + tolerance + ", maxBodySize=" + maxBodySize + ", relaySecret=" + masked(relaySecret)
                + ", relayMaxBodySize=" + relayMaxBodySize + ", relayAllowedNetworks=" + relayAllowedNetworks + "]";
    }

    private static String masked(@Nullable String credential) {
        return credential == null || credential.isBlank() ? "<not set>" : "******";
    }
}
