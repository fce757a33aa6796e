package dev.imagepipeline.generation.image;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Sets up the image store that {@code images.store} names, and deletes expired images every sweep interval.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(GenerationWorkerSettings.class)
class GenerationWorkerImageConfiguration {

    static final String STORE = "pipeline.generation-worker.images.store";

    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "filesystem", matchIfMissing = true)
    ImageDirectory imageDirectory(GenerationWorkerSettings settings) {
        return new ImageDirectory(settings.images());
    }

    /** Signs with an {@link AwsCredentialsProvider} bean if there is one, else with the AWS default chain. */
    @Bean
    @ConditionalOnProperty(name = STORE, havingValue = "s3")
    ImageBucket imageBucket(GenerationWorkerSettings settings, ObjectProvider<AwsCredentialsProvider> credentials) {
        var s3 = settings.images().s3();
        var bucket = ImageBucket.open(s3,
                credentials.getIfAvailable(() -> DefaultCredentialsProvider.builder().build()));
        if (s3.createBucket()) {
            bucket.createIfMissing(s3.region());
        }
        return bucket;
    }

    @Bean
    ImageStore imageStore(ImageStorage storage, GenerationWorkerSettings settings, Clock clock) {
        return new ImageStore(storage, settings.images().timeToLive(), clock);
    }

    @Bean
    MeterBinder imageStoreMeters(ImageStore images) {
        return meters -> {
            Gauge.builder("pipeline.images.held", images, ImageStore::held)
                    .description("Images this instance stored that have not expired yet")
                    .register(meters);
            FunctionCounter.builder("pipeline.images.stored.bytes", images, ImageStore::storedBytes)
                    .description("Bytes of the images this instance stored")
                    .baseUnit("bytes")
                    .register(meters);
        };
    }

    // A configurer rather than @Scheduled, so the interval comes from the typed settings and their defaults.
    @Bean
    SchedulingConfigurer expiredImageSweep(ImageStore images, GenerationWorkerSettings settings) {
        return tasks -> tasks.addFixedDelayTask(images::deleteExpired, settings.images().sweepInterval());
    }
}
