package dev.imagepipeline.reliability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a webhook the Standard Webhooks way, as Replicate does: HMAC-SHA256 over {@code id.timestamp.body}. */
final class StandardWebhooks {

    private static final String PREFIX = "whsec_";

    private StandardWebhooks() {
    }

    /** The {@code webhook-signature} header's value. */
    static String signature(String secret, String id, long timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            var key = Base64.getDecoder()
                    .decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
