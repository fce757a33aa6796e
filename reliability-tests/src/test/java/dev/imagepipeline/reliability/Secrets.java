package dev.imagepipeline.reliability;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The credentials the suite configures, fresh for each run so that finding one anywhere can only mean a leak.
 *
 * @param apiKey the client's key, sent as {@code Authorization: Bearer}
 * @param replicateToken the provider's token, which only the stub may ever see
 * @param webhookSecret the {@code whsec_} key webhooks are signed with
 */
record Secrets(String apiKey, String replicateToken, String webhookSecret) {

    static final String CLIENT = "fault-suite";

    static Secrets random() {
        var random = new SecureRandom();
        return new Secrets("k-fs-" + hex(random, 16), "r8_fs" + hex(random, 16),
                "whsec_" + Base64.getEncoder().encodeToString(bytes(random, 32)));
    }

    /** {@code PIPELINE_API_KEYS}: the one client, by name and key. */
    String apiKeys() {
        return CLIENT + ":" + apiKey;
    }

    /** The key's bytes as the secret carries them, without the prefix: a leak of those is a leak too. */
    String webhookKey() {
        return webhookSecret.substring("whsec_".length());
    }

    /** Every text whose appearance would be a leak. */
    List<String> all() {
        return List.of(apiKey, replicateToken, webhookSecret, webhookKey());
    }

    private static String hex(SecureRandom random, int bytes) {
        return HexFormat.of().formatHex(bytes(random, bytes));
    }

    private static byte[] bytes(SecureRandom random, int count) {
        var bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
