package dev.imagepipeline.web.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key of a Standard Webhooks signing secret ({@code whsec_<base64>}), and the v1 signature it makes:
 * webhook-receiver checks provider callbacks with it, result-notifier signs client callbacks. It never prints its
 * value, so it cannot leak through a log line or an exception message.
 */
public final class SigningSecret {

    private static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private SigningSecret(byte[] key) {
        this.key = key;
    }

    /**
     * Reads a {@code whsec_<base64>} secret; the prefix may be left out, as the Standard Webhooks libraries allow.
     *
     * @throws IllegalArgumentException when the rest is not base64 or is empty; the message never quotes the secret
     */
    public static SigningSecret parse(String secret) {
        String encoded = secret.strip();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // The decoder's message can quote the offending character; the secret's content stays out of it.
            throw new IllegalArgumentException("The webhook signing secret is not whsec_ followed by base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("The webhook signing secret is empty after its whsec_ prefix");
        }
        return new SigningSecret(key);
    }

    /** The v1 signature's bytes: HMAC-SHA256 of {@code id.timestamp.body}, over the exact body bytes. */
    public byte[] sign(String id, String timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256, so this is a broken JVM, not a bad message.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A {@code webhook-signature} header value with this key's signature: {@code v1,<base64>}. */
    public String header(String id, String timestamp, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(sign(id, timestamp, body));
    }

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "whsec_******";
    }
}
