package dev.imagepipeline.generation.provider.stability;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.imagepipeline.generation.provider.stability.Orders.NEGATIVE;
import static dev.imagepipeline.generation.provider.stability.Orders.order;
import static dev.imagepipeline.generation.provider.stability.Orders.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.TestImages;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;

class StabilityBatchTests {

    private static final String CORE = "/v2beta/stable-image/generate/core";

    @RegisterExtension
    static WireMockExtension stability = Orders.stubServer();

    private final List<String> progress = new ArrayList<>();

    @Test
    void asksOncePerImageWithConsecutiveSeeds() {
        answerSeeds(42, 43, 44);

        var batch = generate(3, 42);

        var seedsSent = stability.findAll(postRequestedFor(urlPathEqualTo(CORE)))
                .stream()
                .map(request -> Fixtures.parts(request).get("seed"))
                .toList();
        assertThat(seedsSent).containsExactly("42", "43", "44");
        assertThat(batch.images()).extracting(RenderedImage::width).containsExactly(42, 43, 44);
        assertThat(batch.seed()).isEqualTo(42L);
    }

    @Test
    void recordsTheJobAsRunHereSoARelayedResultForItIsNotTakenToo() {
        answerSeeds(42);
        var runs = new SynchronousRuns();
        var order = order("core", NEGATIVE, settings(1, null, null, 42));

        Orders.provider(stability.baseUrl(), Duration.ofSeconds(10), Clock.systemUTC(), runs)
                .generate(order, (percent, message) -> {
                });

        assertThat(runs.ran(order.jobId())).isTrue();
    }

    @Test
    void reportsProgressAfterEachImage() {
        answerSeeds(42, 43, 44);

        generate(3, 42);

        assertThat(progress).containsExactly("33: Stability AI made image 1 of 3", "66: Stability AI made image 2 of 3",
                "100: Stability AI made image 3 of 3");
    }

    @Test
    void warnsWhichSeedsTheRequestsUsed() {
        answerSeeds(42, 43);

        assertThat(generate(2, 42).warnings())
                .containsExactly("Stability AI makes one image per request: 2 requests, seeds 42, 43");
    }

    @Test
    void wrapsSeedsRoundAtStabilitysLargest() {
        answerSeeds(4_294_967_294L, 0);

        generate(2, 4_294_967_294L);

        assertThat(stability.findAll(postRequestedFor(urlPathEqualTo(CORE))))
                .extracting(request -> Fixtures.parts(request).get("seed"))
                .containsExactly("4294967294", "0");
    }

    @Test
    void deliversNothingWhenALaterImageFails() {
        answerSeeds(42);
        stability.stubFor(post(urlPathEqualTo(CORE))
                .withMultipartRequestBody(aMultipart().withName("seed").withBody(equalTo("43")))
                .willReturn(aResponse().withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.body("error-500.json"))));

        assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> generate(2, 42))
                .satisfies(e -> assertThat(e.reason()).isEqualTo("provider_error"));
        assertThat(progress).containsExactly("50: Stability AI made image 1 of 2");
    }

    /** Each seed's answer echoes it and holds a picture as wide as the seed, so the order can be seen. */
    private static void answerSeeds(long... seeds) {
        for (long seed : seeds) {
            var body = Fixtures.json("generate-core-response-json.json")
                    .put("seed", seed)
                    .put("image", Fixtures.base64(TestImages.png((int) Math.max(1, seed % 100), 1)));
            stability.stubFor(post(urlPathEqualTo(CORE))
                    .withMultipartRequestBody(aMultipart().withName("seed").withBody(equalTo(Long.toString(seed))))
                    .willReturn(aResponse().withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(body.toString())));
        }
    }

    private GeneratedBatch generate(int images, long seed) {
        return Orders.provider(stability.baseUrl())
                .generate(order("core", NEGATIVE, settings(images, null, null, seed)),
                        (percent, message) -> progress.add(percent + ": " + message));
    }
}
