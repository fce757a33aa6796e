package dev.imagepipeline.generation.image;

import static dev.imagepipeline.generation.image.ImageStoreTests.BYTES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.imagepipeline.generation.provider.RenderedImage;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

@ExtendWith(S3ProxyExtension.class)
class GenerationWorkerImageConfigurationTests {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(GenerationWorkerImageConfiguration.class, ImageController.class)
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void storesImagesWhereConfiguredAndSweepsExpiredOnes() throws IOException {
        var stale = directory.resolve("0123456789abcdef0123456789abcdef.png");
        Files.write(stale, new byte[]{1});
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(1))));

        runner.withPropertyValues("pipeline.generation-worker.images.directory=" + directory,
                "pipeline.generation-worker.images.public-base-url=https://images.example",
                "pipeline.generation-worker.images.sweep-interval=50ms").run(context -> {
                    var image = context.getBean(ImageStore.class)
                            .store(new RenderedImage(new byte[]{2}, "image/png", 1, 1));

                    assertThat(image.url()).startsWith("https://images.example/api/images/");
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(stale).doesNotExist());
                    assertThat(directory.resolve(ImageStoreTests.key(image))).exists();
                    assertThat(context).hasSingleBean(ImageController.class).doesNotHaveBean(ImageBucket.class);
                });
    }

    @Test
    void storesImagesInTheBucketItCreatesWhenTheStoreIsS3(S3Proxy server) {
        var bucket = "wired-" + UUID.randomUUID();

        runner.withBean(AwsCredentialsProvider.class, () -> S3Proxy.CREDENTIALS)
                .withPropertyValues("pipeline.generation-worker.images.store=s3",
                        "pipeline.generation-worker.images.time-to-live=10m",
                        "pipeline.generation-worker.images.s3.bucket=" + bucket,
                        "pipeline.generation-worker.images.s3.endpoint=" + server.endpoint(),
                        "pipeline.generation-worker.images.s3.path-style=true")
                .run(context -> {
                    var image = context.getBean(ImageStore.class).store(new RenderedImage(BYTES, "image/png", 1, 1));

                    assertThat(image.url()).startsWith(server.endpoint() + "/" + bucket + "/images/")
                            .contains("X-Amz-Expires=600");
                    assertThat(ImageBucketTests.get(image.url()).body()).isEqualTo(BYTES);
                    assertThat(context).hasSingleBean(ImageBucket.class)
                            .doesNotHaveBean(ImageDirectory.class)
                            .doesNotHaveBean(ImageController.class);
                });
    }

    @Test
    void refusesAnS3StoreWithoutABucket() {
        runner.withPropertyValues("pipeline.generation-worker.images.store=s3")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("images.s3.bucket is required with images.store=s3"));
    }

    @Test
    void refusesAnS3TimeToLiveLongerThanAPresignedUrlLasts() {
        runner.withPropertyValues("pipeline.generation-worker.images.store=s3",
                "pipeline.generation-worker.images.s3.bucket=images",
                "pipeline.generation-worker.images.time-to-live=8d")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("a presigned S3 URL is valid for at most PT168H"));
    }
}
