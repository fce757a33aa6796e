package dev.imagepipeline.webhook.signature;

import java.time.Duration;

/** The verdict on one callback's signature. */
public sealed interface Verification {

    /** The signature matches a body signed with our secret within the tolerance. */
    record Verified() implements Verification {
    }

    /** The callback must not be trusted, for the given reason. */
    record Rejected(Reason reason) implements Verification {
    }

    /**
     * The secret could not be had just now, so the callback can be neither trusted nor rejected: the provider should
     * deliver it again after {@code retryAfter}.
     */
    record Postponed(Duration retryAfter) implements Verification {
    }

    /** Why a callback was rejected; the texts are safe to show the caller and never quote a secret or signature. */
    enum Reason {
        NO_SECRET("no_secret", "No webhook signing secret is configured, so no callback can be accepted."),
        MISSING_HEADERS("missing_headers",
                "The webhook-id, webhook-timestamp and webhook-signature headers are all required."),
        MALFORMED_TIMESTAMP("malformed_timestamp", "The webhook-timestamp header is not a Unix time in seconds."),
        STALE_TIMESTAMP("stale_timestamp", "The webhook-timestamp header is older than the allowed tolerance."),
        FUTURE_TIMESTAMP("future_timestamp",
                "The webhook-timestamp header lies further in the future than the allowed tolerance."),
        NO_MATCHING_SIGNATURE("bad_signature", "No v1 signature in the webhook-signature header matches the body.");

        private final String code;
        private final String detail;

        Reason(String code, String detail) {
            this.code = code;
            this.detail = detail;
        }

        /** A stable, machine-readable name for the reason. */
        public String code() {
            return code;
        }

        /** What went wrong, for the caller. */
        public String detail() {
            return detail;
        }
    }
}
