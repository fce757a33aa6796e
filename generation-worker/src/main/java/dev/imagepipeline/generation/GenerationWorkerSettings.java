package dev.imagepipeline.generation;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything generation-worker can be told.
 *
 * @param concurrency listener threads per prompt lane
 * @param images where finished images live and for how long
 */
@ConfigurationProperties("pipeline.generation-worker")
public record GenerationWorkerSettings(@DefaultValue("local") String defaultProvider,
        @DefaultValue("2") int concurrency, @DefaultValue Images images) {

    /**
     * The filesystem image store.
     *
     * @param directory holds the image files; created when missing; by default under the system's temp directory
     * @param timeToLive how long an image can be fetched, like the providers' temporary URLs
     * @param publicBaseUrl the address clients reach this service at, used in image URLs
     * @param sweepInterval how often expired images are deleted
     */
    public record Images(@Nullable Path directory, @DefaultValue("1h") Duration timeToLive,
            @DefaultValue("http://localhost:8080") String publicBaseUrl, @DefaultValue("1m") Duration sweepInterval) {

        public Images {
            if (directory == null) {
                directory = Path.of(System.getProperty("java.io.tmpdir"), "image-pipeline", "images");
            }
        }
    }
}
