package dev.imagepipeline.webhook.replicate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imagepipeline.web.signing.SigningSecret;
import dev.imagepipeline.webhook.replicate.WebhookSecretClient.FetchFailedException;
import dev.imagepipeline.webhook.signature.SecretSource;

/**
 * Replicate's signing secret fetched with the API token when the first callback needs it, so startup never waits on
 * the network, and kept for the life of the process: an account has one key. After a failed fetch, callbacks are
 * answered "try again later" until {@link #RETRY_INTERVAL} has passed.
 */
final class FetchedWebhookSecret implements SecretSource {

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(FetchedWebhookSecret.class);

    private final WebhookSecretClient client;
    private final Clock clock;
    // One fetch at a time: callbacks that arrive meanwhile wait for its result instead of fetching too.
    private final Lock fetching = new ReentrantLock();
    private volatile @Nullable SigningSecret secret;
    private @Nullable Instant nextAttempt;

    FetchedWebhookSecret(WebhookSecretClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public Lookup lookup() {
        SigningSecret known = secret;
        if (known != null) {
            return new Lookup.Found(known);
        }
        fetching.lock();
        try {
            return fetchUnlessTooSoon();
        } finally {
            fetching.unlock();
        }
    }

    private Lookup fetchUnlessTooSoon() {
        SigningSecret known = secret;
        if (known != null) {
            return new Lookup.Found(known);
        }
        Instant now = clock.instant();
        if (nextAttempt != null && now.isBefore(nextAttempt)) {
            return new Lookup.Unavailable(Duration.between(now, nextAttempt));
        }
        try {
            known = client.fetch();
        } catch (FetchFailedException e) {
            nextAttempt = now.plus(RETRY_INTERVAL);
            log.warn("Could not fetch Replicate's webhook signing secret ({}); answering Replicate callbacks 503 "
                    + "and trying again in {} s at the earliest", e.getMessage(), RETRY_INTERVAL.toSeconds());
            return new Lookup.Unavailable(RETRY_INTERVAL);
        }
        secret = known;
        log.info("Fetched Replicate's webhook signing secret with the API token; keeping it while the service runs");
        return new Lookup.Found(known);
    }
}
