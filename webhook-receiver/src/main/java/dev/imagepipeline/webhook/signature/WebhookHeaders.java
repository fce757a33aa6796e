package dev.imagepipeline.webhook.signature;

import org.jspecify.annotations.Nullable;

/**
 * The three Standard Webhooks headers of one callback, as they arrived; any may be missing.
 *
 * @param id {@code webhook-id}: the message id, the same on every retry of one delivery
 * @param timestamp {@code webhook-timestamp}: Unix seconds when the provider signed the message
 * @param signature {@code webhook-signature}: space-separated {@code v1,<base64>} entries
 */
public record WebhookHeaders(@Nullable String id, @Nullable String timestamp, @Nullable String signature) {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    @Override
    public String toString() {
        // A signature is a valid credential for its body until the tolerance runs out: keep it out of logs.
        return "WebhookHeaders[id=" + id + ", timestamp=" + timestamp + "]";
    }
}
