package dev.imagepipeline.notifier.callback;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.web.signing.SigningSecret;

/**
 * Signs callbacks the Standard Webhooks (v1) way: {@code v1,base64(HMAC-SHA256(key, id + "." + timestamp + "." +
 * body))} over the exact body bytes sent, with the client's own key when it has one, else the default key.
 */
final class WebhookSigner {

    private final SigningSecret defaultKey;
    private final Map<String, SigningSecret> clientKeys;

    WebhookSigner(SigningSecret defaultKey, Map<String, SigningSecret> clientKeys) {
        this.defaultKey = defaultKey;
        this.clientKeys = Map.copyOf(clientKeys);
    }

    /**
     * The {@code webhook-signature} header value.
     *
     * @param client the API client the job belongs to; without one, or when it has no key of its own, the default key
     *        signs
     * @param timestamp Unix seconds, sent as {@code webhook-timestamp}
     */
    String signature(@Nullable String client, String id, long timestamp, byte[] body) {
        SigningSecret key = client == null ? defaultKey : clientKeys.getOrDefault(client, defaultKey);
        return key.header(id, Long.toString(timestamp), body);
    }
}
