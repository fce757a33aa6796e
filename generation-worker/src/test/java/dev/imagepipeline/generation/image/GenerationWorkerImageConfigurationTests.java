package dev.imagepipeline.generation.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.imagepipeline.generation.provider.RenderedImage;

class GenerationWorkerImageConfigurationTests {

    @TempDir
    Path directory;

    @Test
    void storesImagesWhereConfiguredAndSweepsExpiredOnes() throws IOException {
        var stale = directory.resolve("0123456789abcdef0123456789abcdef.png");
        Files.write(stale, new byte[]{1});
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        new ApplicationContextRunner().withUserConfiguration(GenerationWorkerImageConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("pipeline.generation-worker.images.directory=" + directory,
                        "pipeline.generation-worker.images.public-base-url=https://images.example",
                        "pipeline.generation-worker.images.sweep-interval=50ms")
                .run(context -> {
                    var image = context.getBean(ImageStore.class)
                            .store(new RenderedImage(new byte[]{2}, "image/png", 1, 1));

                    assertThat(image.url()).startsWith("https://images.example/api/images/");
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stale).doesNotExist());
                    assertThat(directory.resolve(ImageStoreTests.key(image))).exists();
                });
    }
}
