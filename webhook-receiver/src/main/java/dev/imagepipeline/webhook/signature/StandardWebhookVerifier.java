package dev.imagepipeline.webhook.signature;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.web.signing.SigningSecret;
import dev.imagepipeline.webhook.signature.SecretSource.Lookup.Found;
import dev.imagepipeline.webhook.signature.SecretSource.Lookup.NotConfigured;
import dev.imagepipeline.webhook.signature.SecretSource.Lookup.Unavailable;
import dev.imagepipeline.webhook.signature.Verification.Postponed;
import dev.imagepipeline.webhook.signature.Verification.Reason;
import dev.imagepipeline.webhook.signature.Verification.Rejected;
import dev.imagepipeline.webhook.signature.Verification.Verified;

/**
 * Checks a callback against the Standard Webhooks v1 scheme: {@code v1,base64(HMAC-SHA256(key, id.timestamp.body))}
 * over the raw body bytes, with a timestamp no further than the tolerance from now in either direction. The secret is
 * looked up only for a callback that has all three headers and a fresh timestamp, so junk never costs a secret fetch.
 */
public final class StandardWebhookVerifier {

    private static final String VERSION_PREFIX = "v1,";

    private final SecretSource secrets;
    private final Duration tolerance;
    private final Clock clock;

    /**
     * @param secrets without a secret every callback is rejected: an unsigned callback is never trusted
     * @param tolerance how far the signed timestamp may lie from now, into the past (replays) or the future
     */
    public StandardWebhookVerifier(SecretSource secrets, Duration tolerance, Clock clock) {
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("The timestamp tolerance must not be negative: " + tolerance);
        }
        this.secrets = secrets;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public Verification verify(WebhookHeaders headers, byte[] body) {
        String id = headers.id();
        String timestamp = headers.timestamp();
        String signatures = headers.signature();
        if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
            return new Rejected(Reason.MISSING_HEADERS);
        }
        Reason timing = checkTimestamp(timestamp);
        if (timing != null) {
            return new Rejected(timing);
        }
        return switch (secrets.lookup()) {
            case Found(SigningSecret secret) -> anyMatches(signatures, secret.sign(id, timestamp, body))
                    ? new Verified()
                    : new Rejected(Reason.NO_MATCHING_SIGNATURE);
            case NotConfigured() -> new Rejected(Reason.NO_SECRET);
            case Unavailable(Duration retryAfter) -> new Postponed(retryAfter);
        };
    }

    private @Nullable Reason checkTimestamp(String timestamp) {
        Instant signedAt;
        try {
            signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        } catch (NumberFormatException | DateTimeException e) {
            return Reason.MALFORMED_TIMESTAMP;
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(tolerance))) {
            return Reason.STALE_TIMESTAMP;
        }
        if (signedAt.isAfter(now.plus(tolerance))) {
            return Reason.FUTURE_TIMESTAMP;
        }
        return null;
    }

    /** Several entries arrive while the provider rotates its key: any one matching is enough. */
    private static boolean anyMatches(String signatures, byte[] expected) {
        boolean matched = false;
        for (String entry : signatures.strip().split(" +")) {
            if (!entry.startsWith(VERSION_PREFIX)) {
                continue;
            }
            byte[] presented = decodeOrNull(entry.substring(VERSION_PREFIX.length()));
            // Constant-time comparison, and no early exit, so timing tells nothing about how close a guess came.
            matched |= presented != null && MessageDigest.isEqual(presented, expected);
        }
        return matched;
    }

    private static byte @Nullable [] decodeOrNull(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
