package dev.imagepipeline.generation;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 */
@ConfigurationProperties("pipeline.generation-worker")
public record GenerationWorkerSettings(@DefaultValue("2") int concurrency, @DefaultValue Images images) {

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
}
