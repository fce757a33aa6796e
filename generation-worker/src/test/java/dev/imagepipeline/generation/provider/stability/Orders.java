package dev.imagepipeline.generation.provider.stability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.VendorAccess;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;

/** Orders as prompt-worker prepares them, and a provider pointed at a stub server. */
final class Orders {

    static final String TOKEN = "sk-test-0123456789abcdef";
    static final String PROMPT = "studio product photo of a ceramic coffee mug on a white background";
    static final String NEGATIVE = "blurry, watermark";
    static final long SEED = 424242;

    private Orders() {
    }

    static GenerationOrder order(String model) {
        return order(model, NEGATIVE, settings(1, null, null, SEED));
    }

    static GenerationOrder order(String model, String negativePrompt, ModelSettings settings) {
        return new GenerationOrder(JobId.random(), model, PROMPT, negativePrompt, settings, "ceramic coffee mug",
                Category.KITCHENWARE, Style.WHITE_BACKGROUND);
    }

    static ModelSettings settings(int numImages, @Nullable Double guidance, @Nullable Integer steps, long seed) {
        return new ModelSettings(1024, 1024, numImages, guidance, steps, seed);
    }

    /**
     * A stub Stability AI on a free port. It speaks HTTP/1.1 only: the JDK client offers an h2c upgrade on plain HTTP,
     * which the stub's Jetty answers by closing a POST's connection; real vendors negotiate over TLS instead.
     */
    static WireMockExtension stubServer() {
        return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().http2PlainDisabled(true)).build();
    }

    static StabilityProvider provider(String baseUrl) {
        return provider(baseUrl, Duration.ofSeconds(10), Clock.systemUTC());
    }

    static StabilityProvider provider(String baseUrl, Duration readTimeout, Clock clock) {
        return provider(baseUrl, readTimeout, clock, new SynchronousRuns());
    }

    static StabilityProvider provider(String baseUrl, Duration readTimeout, Clock clock,
            SynchronousRuns synchronousRuns) {
        var access = new VendorAccess(URI.create(baseUrl), TOKEN, Duration.ofSeconds(2), readTimeout);
        return new StabilityProvider(new StabilityClient(access, clock), synchronousRuns);
    }
}
