package dev.imagepipeline.webhook.signature;

import java.util.Base64;

/**
 * The HMAC key of a Standard Webhooks signing secret ({@code whsec_<base64>}). It never prints its value, so it
 * cannot leak through a log line or an exception message.
 */
public final class SigningSecret {

    private static final String PREFIX = "whsec_";

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

    byte[] key() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "whsec_******";
    }
}
