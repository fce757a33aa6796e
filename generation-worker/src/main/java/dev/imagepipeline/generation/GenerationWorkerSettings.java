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
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything generation-worker can be told.
 *
 * @param concurrency listener threads reading the prompt lanes
 * @param maxInFlight jobs each listener thread runs at once, off the thread; the consumer pauses while they run
 * @param images where finished images live and for how long
 * @param resilience retries, quota and circuit breaker around every provider
 * @param quotas requests per minute by provider name, where an account's quota differs from the default
 * @param fallback providers in order of preference, e.g. {@code replicate, huggingface, local}: a job whose provider
 *        fails for a reason a retry might cure, or whose circuit is open, is tried on the next configured one;
 *        never for a refused prompt or a filtered image. Empty: no fallback
 * @param replicate, huggingface, stability how to reach each vendor; a vendor without a token is not offered
 */
@ConfigurationProperties("pipeline.generation-worker")
public record GenerationWorkerSettings(@DefaultValue("2") int concurrency, @DefaultValue("4") int maxInFlight,
        @DefaultValue Images images, @DefaultValue Resilience resilience, @DefaultValue Map<String, Integer> quotas,
        @DefaultValue List<String> fallback, @DefaultValue Replicate replicate, @DefaultValue HuggingFace huggingface,
        @DefaultValue Stability stability) {

    /**
     * How every provider call is guarded (resilience4j).
     *
     * @param maxAttempts calls per job before its provider's failure stands, for failures a retry may cure
     * @param initialBackoff the first wait between attempts, doubling up to {@code maxBackoff}; a provider's
     *        {@code Retry-After} wins when it asks for longer
     * @param requestsPerMinute each provider's quota, unless {@code quotas} names its own
     * @param quotaWait how long a call may wait for its provider's quota before it counts as throttled
     * @param failureRate the percentage of failed calls, among the last {@code window}, that opens a provider's
     *        circuit; only failures a retry may cure count, never a refused prompt
     * @param openFor how long an open circuit refuses calls before it lets a few through to test the provider
     */
    public record Resilience(@DefaultValue("3") int maxAttempts, @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("30s") Duration maxBackoff, @DefaultValue("60") int requestsPerMinute,
            @DefaultValue("30s") Duration quotaWait, @DefaultValue("50") int failureRate,
            @DefaultValue("10") int window, @DefaultValue("30s") Duration openFor) {
    }

    /**
     * The filesystem image store.
     *
     * @param directory holds the image files; created when missing; by default a new temporary directory only this
     *        process's user can read
     * @param timeToLive how long an image can be fetched, like the providers' temporary URLs
     * @param publicBaseUrl the address clients reach this service at, used in image URLs
     * @param sweepInterval how often expired images are deleted
     */
    public record Images(@Nullable Path directory, @DefaultValue("1h") Duration timeToLive,
            @DefaultValue("http://localhost:8080") String publicBaseUrl, @DefaultValue("1m") Duration sweepInterval) {

        public Images {
            if (directory == null) {
                directory = privateTemporaryDirectory();
            }
        }

        private static Path privateTemporaryDirectory() {
            try {
                // Created with owner-only permissions, unlike a fixed path under a shared temp directory.
                return Files.createTempDirectory("image-pipeline-images-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
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
     * @param maxWait how long a prediction may run before it is canceled and the job fails
     * @param sdxlVersion the {@code owner/name:version} that model {@code sdxl} runs, as SDXL is a community model and
     *        needs a version; the default is illustrative and must be checked against the live model's versions
     */
    public record Replicate(@Nullable String apiToken, @DefaultValue("https://api.replicate.com") URI baseUrl,
            @Nullable URI webhookBaseUrl, @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("70s") Duration readTimeout, @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("10s") Duration maxPollInterval, @DefaultValue("10m") Duration maxWait,
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
