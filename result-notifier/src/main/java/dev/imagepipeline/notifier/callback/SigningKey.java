package dev.imagepipeline.notifier.callback;

import java.util.Base64;

/**
 * The HMAC key of a Standard Webhooks signing secret ({@code whsec_<base64>}). It never prints its value, so it cannot
 * leak through a log line or an exception message.
 */
final class SigningKey {

    private static final String PREFIX = "whsec_";

    private final byte[] key;

    private SigningKey(byte[] key) {
        this.key = key;
    }

    /**
     * Reads a {@code whsec_<base64>} secret; the prefix may be left out.
     *
     * @throws IllegalArgumentException when the rest is not base64 or is empty; the message never quotes the secret
     */
    static SigningKey parse(String secret) {
        String encoded = secret.strip();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // The decoder's message can quote the offending character; the secret's content stays out of it.
            throw new IllegalArgumentException("A callback signing secret is not whsec_ followed by base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("A callback signing secret is empty after its whsec_ prefix");
        }
        return new SigningKey(key);
    }

    byte[] bytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "whsec_******";
    }
}
