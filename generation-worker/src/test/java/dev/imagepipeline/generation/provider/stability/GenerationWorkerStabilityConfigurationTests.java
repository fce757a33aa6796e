package dev.imagepipeline.generation.provider.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;

class GenerationWorkerStabilityConfigurationTests {

    @RegisterExtension
    static WireMockExtension stability = Orders.stubServer();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, GenerationWorkerStabilityConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(SynchronousRuns.class);

    @Test
    void offersNoStabilityProviderWithoutAKey() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ImageProvider.class));
    }

    @Test
    void offersStabilityWhenTheSettingHoldsAKey() {
        runner.withPropertyValues("pipeline.generation-worker.stability.api-token=sk-from-settings")
                .run(context -> assertThat(context.getBean(ImageProvider.class).name()).isEqualTo("stability"));
    }

    @Test
    void callsTheBaseUrlWithTheKeyFromTheEnvironment() {
        stability.stubFor(
                post(urlPathEqualTo("/v2beta/stable-image/generate/core")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.body("generate-core-response-json.json"))));

        runner.withPropertyValues("STABILITY_API_KEY=sk-from-environment",
                "STABILITY_API_BASE_URL=" + stability.baseUrl())
                .run(context -> context.getBean(ImageProvider.class)
                        .generate(Orders.order("core"), (percent, message) -> {
                        }));

        assertThat(stability.findAll(postRequestedFor(urlPathEqualTo("/v2beta/stable-image/generate/core"))))
                .singleElement()
                .satisfies(request -> assertThat(request.getHeader("Authorization"))
                        .isEqualTo("Bearer sk-from-environment"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GenerationWorkerSettings.class)
    static class Settings {
    }
}
