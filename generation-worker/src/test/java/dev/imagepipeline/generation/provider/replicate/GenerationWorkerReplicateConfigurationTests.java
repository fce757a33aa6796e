package dev.imagepipeline.generation.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.ImageProvider;

class GenerationWorkerReplicateConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class,
            GenerationWorkerReplicateConfiguration.class);

    @Test
    void offersNoProviderWithoutAToken() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ImageProvider.class));
    }

    @Test
    void offersReplicateWithATokenSetting() {
        runner.withPropertyValues("pipeline.generation-worker.replicate.api-token=r8_setting")
                .run(context -> assertThat(context).getBean(ImageProvider.class).satisfies(provider -> {
                    assertThat(provider.name()).isEqualTo("replicate");
                    assertThat(provider.defaultModel()).isEqualTo("flux-schnell");
                }));
    }

    @Test
    void offersReplicateWithATokenInTheEnvironmentVariable() {
        runner.withPropertyValues("REPLICATE_API_TOKEN=r8_environment")
                .run(context -> assertThat(context).getBean(ImageProvider.class)
                        .extracting(ImageProvider::name)
                        .isEqualTo("replicate"));
    }

    @Test
    void offersNoProviderForABlankToken() {
        runner.withPropertyValues("pipeline.generation-worker.replicate.api-token=", "REPLICATE_API_TOKEN=")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ImageProvider.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GenerationWorkerSettings.class)
    static class Settings {
    }
}
