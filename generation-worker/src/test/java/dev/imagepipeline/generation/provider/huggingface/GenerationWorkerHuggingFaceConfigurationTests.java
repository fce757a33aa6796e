package dev.imagepipeline.generation.provider.huggingface;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;

class GenerationWorkerHuggingFaceConfigurationTests {

    @RegisterExtension
    static final WireMockExtension huggingFace = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(GenerationWorkerHuggingFaceConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(SynchronousRuns.class);

    @Test
    void offersNoHuggingFaceWithoutAToken() {
        context.run(context -> assertThat(context.getBeansOfType(ImageProvider.class)).isEmpty());
    }

    @Test
    void offersNoHuggingFaceWithABlankToken() {
        context.withPropertyValues("HUGGINGFACE_API_TOKEN= ")
                .run(context -> assertThat(context.getBeansOfType(ImageProvider.class)).isEmpty());
    }

    @Test
    void offersHuggingFaceWithATokenFromTheSettings() {
        context.withPropertyValues("pipeline.generation-worker.huggingface.api-token=hf_fromsettings")
                .run(context -> assertThat(context.getBeansOfType(ImageProvider.class).values())
                        .extracting(ImageProvider::name)
                        .containsExactly("huggingface"));
    }

    @Test
    void callsTheBaseUrlOfTheEnvironmentWithTheTokenOfTheEnvironment() {
        byte[] png = HuggingFaceFixtures.png(64, 64, Color.WHITE);
        huggingFace.stubFor(post(urlPathEqualTo("/proxy/models/black-forest-labs/FLUX.1-schnell"))
                .withHeader("Authorization", equalTo("Bearer hf_fromenvironment"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "image/png").withBody(png)));

        context.withPropertyValues("HUGGINGFACE_API_TOKEN=hf_fromenvironment",
                "HUGGINGFACE_API_BASE_URL=" + huggingFace.baseUrl() + "/proxy").run(context -> {
                    var provider = context.getBean(ImageProvider.class);

                    var batch = provider.generate(new GenerationOrder(new JobId(UUID.randomUUID()),
                            "black-forest-labs/FLUX.1-schnell", "a mug", "", new ModelSettings(64, 64, 1, null, 4, 1),
                            "a mug", Category.HOME_DECOR, Style.STUDIO), (percent, message) -> {
                            });

                    assertThat(batch.images()).singleElement()
                            .satisfies(image -> assertThat(image.bytes()).isEqualTo(png));
                });
    }
}
