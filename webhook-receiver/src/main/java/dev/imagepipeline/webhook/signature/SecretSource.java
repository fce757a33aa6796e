package dev.imagepipeline.webhook.signature;

import java.time.Duration;

import dev.imagepipeline.web.signing.SigningSecret;

/** Where the verifier gets a provider's signing secret, asked once per callback that is otherwise well formed. */
@FunctionalInterface
public interface SecretSource {

    Lookup lookup();

    /** A source that always has this secret. */
    static SecretSource of(SigningSecret secret) {
        var found = new Lookup.Found(secret);
        return () -> found;
    }

    /** A source without a secret: every callback is rejected. */
    static SecretSource none() {
        var none = new Lookup.NotConfigured();
        return () -> none;
    }

    /** What the source had to offer for one callback. */
    sealed interface Lookup {

        record Found(SigningSecret secret) implements Lookup {
        }

        /** No secret is configured, nor any way to get one: an unsigned callback is never trusted. */
        record NotConfigured() implements Lookup {
        }

        /** A secret exists but could not be had just now; ask again after {@code retryAfter}. */
        record Unavailable(Duration retryAfter) implements Lookup {
        }
    }
}
