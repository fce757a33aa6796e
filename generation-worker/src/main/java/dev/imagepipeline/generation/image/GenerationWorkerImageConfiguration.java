package dev.imagepipeline.generation.image;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import dev.imagepipeline.generation.GenerationWorkerSettings;

/** Sets up the image store and deletes expired images every sweep interval. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(GenerationWorkerSettings.class)
class GenerationWorkerImageConfiguration {

    @Bean
    ImageStore imageStore(GenerationWorkerSettings settings, Clock clock) {
        return new ImageStore(settings.images(), clock);
    }

    // A configurer rather than @Scheduled, so the interval comes from the typed settings and their defaults.
    @Bean
    SchedulingConfigurer expiredImageSweep(ImageStore images, GenerationWorkerSettings settings) {
        return tasks -> tasks.addFixedDelayTask(images::deleteExpired, settings.images().sweepInterval());
    }
}
