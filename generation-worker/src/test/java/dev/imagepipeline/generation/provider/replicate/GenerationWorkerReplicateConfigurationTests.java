package dev.imagepipeline.generation.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProviderResilience;
import dev.imagepipeline.generation.provider.RunCallbacks;

class GenerationWorkerReplicateConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class,
            ProviderResilience.class, GenerationWorkerReplicateConfiguration.class);

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
    void readsReplicateCallbacksWhereverItIsOffered() {
        runner.withPropertyValues("REPLICATE_API_TOKEN=r8_environment")
                .run(context -> assertThat(context).getBean(RunCallbacks.class)
                        .extracting(RunCallbacks::provider)
                        .isEqualTo("replicate"));
        runner.run(context -> assertThat(context).doesNotHaveBean(RunCallbacks.class));
    }

    @Test
    void submitsWithWebhooksOnlyWhenThePipelineHasAPublicAddress() {
        var order = ReplicateStubs.schnell(1);
        runner.withPropertyValues("REPLICATE_API_TOKEN=r8_environment")
                .run(context -> assertThat(context.getBean(ImageProvider.class).submits(order)).isFalse());
        runner.withPropertyValues("REPLICATE_API_TOKEN=r8_environment", "PUBLIC_BASE_URL=https://images.example.com")
                .run(context -> assertThat(context.getBean(ImageProvider.class).submits(order)).isTrue());
        runner.withPropertyValues("REPLICATE_API_TOKEN=r8_environment", "NEXT_PUBLIC_APP_URL=https://shop.example.com")
                .run(context -> assertThat(context.getBean(ImageProvider.class).submits(order)).isTrue());
        runner.withPropertyValues("REPLICATE_API_TOKEN=r8_environment",
                "pipeline.generation-worker.replicate.webhook-base-url=https://hooks.example.com")
                .run(context -> assertThat(context.getBean(ImageProvider.class).submits(order)).isTrue());
    }

    @Test
    void pollsWhenThePublicAddressIsOneReplicateCannotReach() {
        var order = ReplicateStubs.schnell(1);
        for (String loopback : new String[]{"http://localhost:8080", "http://127.0.0.1:8080", "http://[::1]:8080",
                "http://app.localhost", "https://10.0.0.5", "https://169.254.169.254"}) {
            runner.withPropertyValues("REPLICATE_API_TOKEN=r8_environment", "PUBLIC_BASE_URL=" + loopback)
                    .run(context -> assertThat(context.getBean(ImageProvider.class).submits(order)).as(loopback)
                            .isFalse());
        }
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
