package dev.imagepipeline.notifier.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Signs callbacks the Standard Webhooks (v1) way: {@code v1,base64(HMAC-SHA256(key, id + "." + timestamp + "." +
 * body))} over the exact body bytes sent, with the client's own key when it has one, else the default key.
 */
final class WebhookSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private final SigningKey defaultKey;
    private final Map<String, SigningKey> clientKeys;

    WebhookSigner(SigningKey defaultKey, Map<String, SigningKey> clientKeys) {
        this.defaultKey = defaultKey;
        this.clientKeys = Map.copyOf(clientKeys);
    }

    /**
     * The {@code webhook-signature} header value.
     *
     * @param client the client the job belongs to; none until jobs carry a client identity, and then the default key
     *        signs
     * @param timestamp Unix seconds, sent as {@code webhook-timestamp}
     */
    String signature(@Nullable String client, String id, long timestamp, byte[] body) {
        SigningKey key = client == null ? defaultKey : clientKeys.getOrDefault(client, defaultKey);
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.bytes(), ALGORITHM));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256, so this is a broken JVM, not a bad callback.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
