package dev.imagepipeline.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything generation-worker can be told.
 *
 * @param concurrency listener threads reading the prompt lanes
 * @param images where finished images live and for how long
 * @param replicate, huggingface, stability how to reach each vendor; a vendor without a token is not offered
 */
@ConfigurationProperties("pipeline.generation-worker")
public record GenerationWorkerSettings(@DefaultValue("2") int concurrency, @DefaultValue Images images,
        @DefaultValue Replicate replicate, @DefaultValue HuggingFace huggingface, @DefaultValue Stability stability) {

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
     * Replicate: predictions, polled until they end.
     *
     * @param apiToken absent means {@code REPLICATE_API_TOKEN}; without either, Replicate is not offered
     * @param baseUrl overridden by {@code REPLICATE_API_BASE_URL}
     * @param readTimeout covers a create request held open by {@code Prefer: wait}
     * @param pollInterval the first wait between polls; it doubles up to {@code maxPollInterval}
     * @param maxWait how long a prediction may run before it is canceled and the job fails
     */
    public record Replicate(@Nullable String apiToken, @DefaultValue("https://api.replicate.com") URI baseUrl,
            @DefaultValue("5s") Duration connectTimeout, @DefaultValue("70s") Duration readTimeout,
            @DefaultValue("1s") Duration pollInterval, @DefaultValue("10s") Duration maxPollInterval,
            @DefaultValue("10m") Duration maxWait) {
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
