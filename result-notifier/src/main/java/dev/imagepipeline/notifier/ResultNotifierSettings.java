package dev.imagepipeline.notifier;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything result-notifier can be told.
 *
 * @param maxJobs how many jobs the view holds; the least recently updated leave first
 * @param jobRetention how long after its last event a job stays in the view
 * @param unknownJobGrace how long a request for a job the view has not seen yet waits for its first event, since
 *        the 202 of a submission can reach the client before the job's first event reaches this instance
 * @param streamTimeout how long one SSE stream may stay open
 * @param heartbeat how long an SSE stream may stay silent before a comment line keeps proxies from closing it
 * @param callbacks the outgoing webhooks to the callback URLs jobs name
 * @param catalogs the view of catalogs: bulk uploads, item by item
 */
@ConfigurationProperties("pipeline.result-notifier")
public record ResultNotifierSettings(@DefaultValue("10000") int maxJobs, @DefaultValue("6h") Duration jobRetention,
        @DefaultValue("3s") Duration unknownJobGrace, @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("15s") Duration heartbeat, @DefaultValue Callbacks callbacks, @DefaultValue Catalogs catalogs) {

    @ConstructorBinding
    public ResultNotifierSettings {
    }

    /** The settings with callbacks and catalogs at their defaults. */
    public ResultNotifierSettings(int maxJobs, Duration jobRetention, Duration unknownJobGrace, Duration streamTimeout,
            Duration heartbeat) {
        this(maxJobs, jobRetention, unknownJobGrace, streamTimeout, heartbeat, Callbacks.defaults(),
                Catalogs.defaults());
    }

    /**
     * The view of catalogs, kept apart from the job view: a catalog may hold more items than the job view holds jobs,
     * so it keeps a few fields per item rather than their events.
     *
     * @param maxCatalogs catalogs held; the least recently updated leave first
     * @param maxItems items held over all catalogs; beyond it the least recently updated catalogs leave, and a single
     *        catalog holds no more. An item takes about 200 bytes while it waits and 360 once it has an image URL (900
     *        with a presigned S3 URL), so the default of 250,000 (two and a half full catalogs) is 50 to 225 MB
     * @param retention how long after its last change a catalog is held
     */
    public record Catalogs(@DefaultValue("100") int maxCatalogs, @DefaultValue("250000") int maxItems,
            @DefaultValue("6h") Duration retention) {

        public Catalogs {
            if (maxCatalogs < 1 || maxItems < 1) {
                throw new IllegalArgumentException(
                        "pipeline.result-notifier.catalogs.max-catalogs and .max-items must be at least 1");
            }
        }

        /** The defaults, as binding an empty configuration gives them. */
        public static Catalogs defaults() {
            return new Catalogs(100, 250_000, Duration.ofHours(6));
        }
    }

    /**
     * The outgoing webhooks: each job that names a {@code callbackUrl} gets its events POSTed there, signed the
     * Standard Webhooks way.
     *
     * @param signingSecret the {@code whsec_<base64>} key callbacks are signed with; when blank, the environment
     *        variable {@code CALLBACK_SIGNING_SECRET} is tried. Without one no callback is sent, since a receiver
     *        could not tell an unsigned callback from a forged one
     * @param clientSigningSecrets a key per API client, by the client's name (as in {@code PIPELINE_API_KEYS}), in
     *        place of the default one for that client's jobs
     * @param events {@code terminal} (each job's first terminal event) or {@code all} (every event up to it)
     * @param retryFor how long after its event was published a callback is tried; an event older than that when it is
     *        read is not sent at all
     * @param firstRetry the pause before the first retry; each later one doubles it
     * @param maxRetryInterval the longest pause between two attempts, unless the receiver asks for a longer one with
     *        {@code Retry-After}
     * @param connectTimeout how long connecting to a receiver may take
     * @param readTimeout how long a receiver may take to answer, and the longest silence while it does
     * @param concurrency attempts in flight at once, over all receivers
     * @param maxPending deliveries held at once (queued, in flight, waiting for a retry); more are dropped with a WARN
     * @param allowedNetworks networks in CIDR notation a callback may reach although they are loopback, private,
     *        link-local or otherwise special, such as {@code 127.0.0.0/8} for a receiver on this machine
     */
    public record Callbacks(@Nullable String signingSecret, @DefaultValue Map<String, String> clientSigningSecrets,
            @DefaultValue("terminal") Events events, @DefaultValue("1h") Duration retryFor,
            @DefaultValue("5s") Duration firstRetry, @DefaultValue("10m") Duration maxRetryInterval,
            @DefaultValue("5s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
            @DefaultValue("8") int concurrency, @DefaultValue("10000") int maxPending,
            @DefaultValue List<String> allowedNetworks) {

        public Callbacks {
            clientSigningSecrets = Map.copyOf(clientSigningSecrets);
            allowedNetworks = List.copyOf(allowedNetworks);
            if (concurrency < 1 || maxPending < 1) {
                throw new IllegalArgumentException(
                        "pipeline.result-notifier.callbacks.concurrency and .max-pending must be at least 1");
            }
            if (!firstRetry.isPositive() || maxRetryInterval.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("pipeline.result-notifier.callbacks.first-retry must be positive "
                        + "and no longer than .max-retry-interval");
            }
        }

        /** The defaults, as binding an empty configuration gives them. */
        public static Callbacks defaults() {
            return new Callbacks(null, Map.of(), Events.TERMINAL, Duration.ofHours(1), Duration.ofSeconds(5),
                    Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(10), 8, 10_000, List.of());
        }

        @Override
        public String toString() {
            // The record's generated toString would print the secrets wherever the settings get logged.
            return "Callbacks[signingSecret="
                    + (signingSecret == null || signingSecret.isBlank() ? "<not set>" : "******")
                    + ", clientSigningSecrets=" + clientSigningSecrets.keySet() + ", events=" + events + ", retryFor="
                    + retryFor + ", firstRetry=" + firstRetry + ", maxRetryInterval=" + maxRetryInterval
                    + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", concurrency="
                    + concurrency + ", maxPending=" + maxPending + ", allowedNetworks=" + allowedNetworks + "]";
        }

        /** Which events of a job with a callback URL are sent. */
        public enum Events {
            /** The job's first terminal event: succeeded, failed or canceled. */
            TERMINAL,
            /** Every event of the job up to and including its first terminal event. */
            ALL
        }
    }
}
