package dev.imagepipeline.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.imagepipeline.generation.compliance.ComplianceChecker;
import dev.imagepipeline.generation.compliance.CompliancePreset;

/**
 * Everything generation-worker can be told.
 *
 * @param concurrency listener threads reading each prompt lane
 * @param maxInFlight jobs each partition of the interactive lane holds at once, waiting for their provider or running
 *        (the partition is paused while it holds that many); and provider callbacks each partition of the callbacks
 *        topic holds at once
 * @param images where finished images live and for how long
 * @param resilience retries, quota and circuit breaker around every provider
 * @param quotas requests per minute by provider name, where an account's quota differs from the default
 * @param fallback providers in order of preference, e.g. {@code replicate, huggingface, local}: a job whose provider
 *        fails for a reason a retry might cure, or whose circuit is open, is tried on the next configured one;
 *        never for a refused prompt or a filtered image. Empty: no fallback
 * @param replicate, huggingface, stability how to reach each vendor; a vendor without a token is not offered
 * @param lanes how the interactive and bulk lanes share each provider
 * @param relayAllowedNetworks networks in CIDR notation the image URLs of a relayed Hugging Face or Stability result
 *        may lead to although they are loopback, private or link-local; empty means public addresses only, as
 *        webhook-receiver's {@code relay-allowed-networks} lets through
 * @param compliance the marketplace rules every image of a job that names a marketplace is checked against
 * @param local how the local renderer behaves
 */
@ConfigurationProperties("pipeline.generation-worker")
public record GenerationWorkerSettings(@DefaultValue("2") int concurrency, @DefaultValue("4") int maxInFlight,
        @DefaultValue Images images, @DefaultValue Resilience resilience, @DefaultValue Map<String, Integer> quotas,
        @DefaultValue List<String> fallback, @DefaultValue Replicate replicate, @DefaultValue HuggingFace huggingface,
        @DefaultValue Stability stability, @DefaultValue Lanes lanes, @DefaultValue List<String> relayAllowedNetworks,
        @DefaultValue Compliance compliance, @DefaultValue Local local) {

    /**
     * The local renderer.
     *
     * @param delay how long it takes over each image on top of drawing it, as a real model takes seconds: for demos of
     *        progress and cancellation, and for tests that need a job to stay running. Zero draws at once
     */
    public record Local(@DefaultValue("0ms") Duration delay) {
    }

    /**
     * The marketplace rules the images are checked against.
     *
     * @param presets each replaces the default preset of its {@code marketplace}, whole, e.g.
     *        {@code compliance.presets[0].marketplace=amazon_main} with its {@code summary}, {@code background},
     *        {@code fill}, {@code frame} and {@code no-text}; the defaults are {@link CompliancePreset#defaults}
     */
    public record Compliance(@DefaultValue List<CompliancePreset> presets) {

        public ComplianceChecker checker() {
            return new ComplianceChecker(presets);
        }
    }

    /**
     * How every provider call is guarded: its provider's quota (see {@link Lanes}), and with resilience4j retries and a
     * circuit breaker.
     *
     * @param maxAttempts calls per job before its provider's failure stands, for failures a retry may cure
     * @param initialBackoff the first wait between attempts, doubling up to {@code maxBackoff}; a provider's
     *        {@code Retry-After} wins when it asks for longer
     * @param requestsPerMinute each provider's quota, unless {@code quotas} names its own; given out evenly, so 60 is a
     *        call a second
     * @param quotaWait how long an interactive job's call may wait for its provider's turn before it counts as
     *        throttled (and a retry or the fallback may serve it); a bulk job's call waits as long as it takes
     * @param failureRate the percentage of failed calls, among the last {@code window}, that opens a provider's
     *        circuit; only failures a retry may cure count, never a refused prompt
     * @param openFor how long an open circuit refuses calls before it lets a few through to test the provider
     * @param outageWait how long a job whose every provider (its own and its fallbacks) refused for an open circuit
     *        waits for one of them to recover, from the first refusal, before it fails {@code provider_unavailable};
     *        0 fails it at once
     */
    public record Resilience(@DefaultValue("3") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff, @DefaultValue("60") int requestsPerMinute,
            @DefaultValue("30s") Duration quotaWait, @DefaultValue("50") int failureRate,
            @DefaultValue("10") int window, @DefaultValue("30s") Duration openFor,
            @DefaultValue("5m") Duration outageWait) {

        public Resilience {
            if (outageWait.isNegative()) {
                throw new IllegalArgumentException("resilience.outage-wait must not be negative, not " + outageWait);
            }
        }
    }

    /**
     * How the lanes share each provider: every provider call waits in its provider's line for a turn, which the
     * interactive lane gets first, and reading from Kafka stops while a partition's jobs fill their share of the line.
     *
     * @param minBulkShare the share of a provider's turns the bulk lane keeps while interactive jobs wait too, so
     *        that a steady stream of them never starves a catalog; interactive jobs that come now and then still go
     *        first every time. 0 to 1
     * @param bulkJobsPerPartition jobs each partition of the bulk lane holds at once, waiting or running: the rest of
     *        a catalog waits on the topic. Enough to keep the provider busy with one catalog alone
     * @param maxCalls calls a metered provider runs at once, unless {@code providerMaxCalls} names its own; the local
     *        renderer runs one per processor
     * @param providerMaxCalls calls at once by provider name
     */
    public record Lanes(@DefaultValue("0.2") double minBulkShare, @DefaultValue("8") int bulkJobsPerPartition,
            @DefaultValue("8") int maxCalls, @DefaultValue Map<String, Integer> providerMaxCalls) {

        public Lanes {
            if (minBulkShare < 0 || minBulkShare > 1) {
                throw new IllegalArgumentException("lanes.min-bulk-share must be between 0 and 1, not " + minBulkShare);
            }
            if (bulkJobsPerPartition < 1 || maxCalls < 1) {
                throw new IllegalArgumentException(
                        "lanes.bulk-jobs-per-partition and lanes.max-calls must be positive");
            }
        }

        /** How many calls the provider may run at once. */
        public int maxCalls(String provider, boolean metered) {
            return providerMaxCalls.getOrDefault(provider,
                    metered ? maxCalls : Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Where finished images are kept, and for how long.
     *
     * @param store {@code filesystem}: files in {@code directory}, served by this worker; {@code s3}: objects in the
     *        {@code s3} bucket, fetched by clients at presigned URLs
     * @param directory holds the image files of the filesystem store; created when missing; by default a new
     *        temporary directory only this process's user can read
     * @param timeToLive how long an image can be fetched, like the providers' temporary URLs; at most 7 days with
     *        {@code s3}, the longest a presigned URL can be valid
     * @param publicBaseUrl the address clients reach this service at, used in the filesystem store's image URLs
     * @param sweepInterval how often expired images are deleted
     * @param s3 the bucket of the {@code s3} store
     */
    public record Images(@DefaultValue("filesystem") Store store, @Nullable Path directory,
            @DefaultValue("1h") Duration timeToLive, @DefaultValue("http://localhost:8080") String publicBaseUrl,
            @DefaultValue("1m") Duration sweepInterval, @DefaultValue S3 s3) {

        /** A presigned URL is valid for at most a week (SigV4), so an S3 image cannot outlive it. */
        public static final Duration MAX_S3_TIME_TO_LIVE = Duration.ofDays(7);

        // With a second constructor beside it, Boot must be told which one binds the properties.
        @ConstructorBinding
        public Images {
            if (timeToLive.isNegative() || timeToLive.isZero()) {
                throw new IllegalArgumentException("images.time-to-live must be positive, not " + timeToLive);
            }
            if (store == Store.S3) {
                s3.requireBucket();
                if (timeToLive.compareTo(MAX_S3_TIME_TO_LIVE) > 0) {
                    throw new IllegalArgumentException("images.time-to-live is " + timeToLive
                            + ", but a presigned S3 URL is valid for at most " + MAX_S3_TIME_TO_LIVE);
                }
            } else if (directory == null) {
                directory = privateTemporaryDirectory();
            }
        }

        /** A filesystem store. */
        public Images(@Nullable Path directory, Duration timeToLive, String publicBaseUrl, Duration sweepInterval) {
            this(Store.FILESYSTEM, directory, timeToLive, publicBaseUrl, sweepInterval, S3.NONE);
        }

        private static Path privateTemporaryDirectory() {
            try {
                // Created with owner-only permissions, unlike a fixed path under a shared temp directory.
                return Files.createTempDirectory("image-pipeline-images-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Which kind of store keeps the images. */
        public enum Store {
            FILESYSTEM,
            S3
        }

        /**
         * An S3 bucket, at AWS or on an S3-compatible server (MinIO, Ceph, ...). Credentials are not settings: they
         * come from the AWS default chain ({@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, a profile, a
         * container or instance role).
         *
         * @param bucket the bucket's name; required with store {@code s3}
         * @param region the region requests are signed for; most S3-compatible servers take any
         * @param endpoint absent: AWS's endpoint for the region; else the server's address, e.g.
         *        {@code http://minio:9000}
         * @param publicEndpoint the address clients reach the bucket at, named in presigned URLs, when it is not
         *        {@code endpoint} (a server behind a gateway); it must forward the {@code Host} header unchanged
         * @param pathStyle names the bucket in the path rather than the host name, as most S3-compatible servers
         *        want
         * @param createBucket creates the bucket at start when it is missing
         * @param keyPrefix the folder of the bucket that holds the images; the sweep deletes nothing outside it
         * @param connectTimeout how long to wait for a connection to the server
         * @param readTimeout how long to wait for the server's answer to arrive
         */
        public record S3(@Nullable String bucket, @DefaultValue("us-east-1") String region, @Nullable URI endpoint,
                @Nullable URI publicEndpoint, @DefaultValue("false") boolean pathStyle,
                @DefaultValue("true") boolean createBucket, @DefaultValue("images/") String keyPrefix,
                @DefaultValue("5s") Duration connectTimeout, @DefaultValue("30s") Duration readTimeout) {

            static final S3 NONE = new S3(null, "us-east-1", null, null, false, true, "images/", Duration.ofSeconds(5),
                    Duration.ofSeconds(30));

            private void requireBucket() {
                if (bucket == null || bucket.isBlank()) {
                    throw new IllegalArgumentException("images.s3.bucket is required with images.store=s3");
                }
            }
        }
    }

    /**
     * Replicate: predictions, submitted with a webhook where Replicate can call back, else polled until they end.
     *
     * @param apiToken absent means {@code REPLICATE_API_TOKEN}; without either, Replicate is not offered
     * @param baseUrl overridden by {@code REPLICATE_API_BASE_URL}
     * @param webhookBaseUrl the pipeline's public address, where Replicate posts to webhook-receiver; absent means
     *        {@code PUBLIC_BASE_URL}, then {@code NEXT_PUBLIC_APP_URL}; without any, every prediction is polled
     * @param readTimeout covers a create request held open by {@code Prefer: wait}
     * @param pollInterval the first wait between polls; it doubles up to {@code maxPollInterval}
     * @param maxWait how long a prediction may run before it is canceled and the job fails ({@code provider_timeout}):
     *        a polled one from its creation, a submitted one from its submission, whichever worker watches it then
     * @param callbackGrace how long a submitted prediction's webhook is waited for before the prediction is polled,
     *        every {@code maxPollInterval}, by the worker that reads its job's callbacks: a webhook may never come
     * @param sdxlVersion the {@code owner/name:version} that model {@code sdxl} runs, as SDXL is a community model and
     *        needs a version; the default is illustrative and must be checked against the live model's versions
     */
    public record Replicate(@Nullable String apiToken, @DefaultValue("https://api.replicate.com") URI baseUrl,
            @Nullable URI webhookBaseUrl, @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("70s") Duration readTimeout, @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("10s") Duration maxPollInterval, @DefaultValue("10m") Duration maxWait,
            @DefaultValue("30s") Duration callbackGrace,
            @DefaultValue("stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc") String sdxlVersion) {
    }

    /**
     * Hugging Face's inference API: one image per request, as bytes.
     *
     * @param apiToken absent means {@code HUGGINGFACE_API_TOKEN}; without either, Hugging Face is not offered
     * @param baseUrl overridden by {@code HUGGINGFACE_API_BASE_URL}
     * @param maxLoadingWait how long a cold model may take to load, across its 503 answers, before the job fails
     */
    public record HuggingFace(@Nullable String apiToken,
            @DefaultValue("https://router.huggingface.co/hf-inference") URI baseUrl,
            @DefaultValue("5s") Duration connectTimeout, @DefaultValue("120s") Duration readTimeout,
            @DefaultValue("5m") Duration maxLoadingWait) {
    }

    /**
     * Stability AI: v2beta Stable Image and v1 SDXL, one image per request.
     *
     * @param apiToken absent means {@code STABILITY_API_KEY}; without either, Stability is not offered
     * @param baseUrl overridden by {@code STABILITY_API_BASE_URL}
     */
    public record Stability(@Nullable String apiToken, @DefaultValue("https://api.stability.ai") URI baseUrl,
            @DefaultValue("5s") Duration connectTimeout, @DefaultValue("90s") Duration readTimeout) {
    }
}
