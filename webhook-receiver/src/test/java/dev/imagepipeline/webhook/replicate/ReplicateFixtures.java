package dev.imagepipeline.webhook.replicate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Replicate fixtures copied from the shared provider contracts, and a signer of fresh callbacks written apart
 * from the verifier, so a test of one does not lean on the other.
 */
public final class ReplicateFixtures {

    public static final JsonNode VECTOR = JsonMapper.builder().build().readTree(bytes("webhook-signature-vector.json"));
    public static final String SECRET = VECTOR.get("secret").stringValue();
    public static final String TIMESTAMP = VECTOR.at("/headers/webhook-timestamp").stringValue();

    /** The time the vector's timestamp is fresh at. */
    public static final Instant VALID_AT = Instant.ofEpochSecond(VECTOR.get("valid_at_now_epoch_seconds").asLong());

    private ReplicateFixtures() {
    }

    public static byte[] bytes(String fixture) {
        try (InputStream in = ReplicateFixtures.class.getResourceAsStream("/replicate/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture " + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String fixture) {
        return new String(bytes(fixture), StandardCharsets.UTF_8);
    }

    /** The {@code webhook-signature} value for a body signed with the vector's secret. */
    public static String sign(String id, String timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
