package dev.imagepipeline.generation.provider.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ProviderResilience;
import dev.imagepipeline.generation.provider.ProviderResilienceTests;
import dev.imagepipeline.generation.provider.RunSchedule;
import dev.imagepipeline.generation.provider.TestImages;
import dev.imagepipeline.generation.provider.VendorAccess;

/** A Replicate stand-in on a WireMock server: predictions, their output files, and a provider pointed at it. */
final class ReplicateStubs {

    static final String TOKEN = "r8_Test0nlyT0kenThatMustNeverBeShown";
    static final String ID = "q6w3k9r2hdrm80cm1b2tzx4a7c";
    static final String SDXL_VERSION = "stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc";
    static final String PROMPT = "Studio product photo of a ceramic coffee mug on a white background";
    static final String SCHNELL_PATH = "/v1/models/black-forest-labs/flux-schnell/predictions";
    static final String PREDICTION_PATH = "/v1/predictions/" + ID;
    /** The decoded size of every output file, unlike any size an order asks for. */
    static final int FILE_WIDTH = 64;
    static final int FILE_HEIGHT = 48;

    private final WireMockExtension server;
    final FakePollingClock clock = new FakePollingClock();
    final List<String> progress = new ArrayList<>();

    ReplicateStubs(WireMockExtension server) {
        this.server = server;
        server.stubFor(get(urlPathMatching("/(xezq|czjl)/.*"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(TestImages.png(64, 48))));
    }

    ReplicateProvider provider() {
        return provider(settings(Duration.ofSeconds(10), Duration.ofMinutes(10)));
    }

    ReplicateProvider provider(GenerationWorkerSettings.Replicate settings) {
        return provider(settings, clock);
    }

    ReplicateProvider provider(GenerationWorkerSettings.Replicate settings, PollingClock clock) {
        return new ReplicateProvider(access(settings), settings, null, clock);
    }

    /** A provider that submits predictions with webhooks under this public address. */
    ReplicateProvider submitting(String publicBaseUrl) {
        var settings = settings(Duration.ofSeconds(10), Duration.ofMinutes(10));
        return new ReplicateProvider(access(settings), settings, new Webhooks(URI.create(publicBaseUrl)), clock);
    }

    /** Reads callbacks, downloading from this server, retrying a failed download up to 3 times at once. */
    ReplicateCallbacks callbacks() {
        var settings = settings(Duration.ofSeconds(10), Duration.ofMinutes(10));
        var resilience = new ProviderResilience(ProviderResilienceTests.settings(List.of(), 3));
        var schedule = new RunSchedule(settings.callbackGrace(), settings.maxPollInterval(), settings.maxWait());
        return new ReplicateCallbacks(new ReplicateClient(access(settings), clock), resilience, schedule);
    }

    private static VendorAccess access(GenerationWorkerSettings.Replicate settings) {
        return new VendorAccess(settings.baseUrl(), TOKEN, settings.connectTimeout(), settings.readTimeout());
    }

    GenerationWorkerSettings.Replicate settings(Duration maxPollInterval, Duration maxWait) {
        return settings(Duration.ofSeconds(70), maxPollInterval, maxWait);
    }

    GenerationWorkerSettings.Replicate settings(Duration readTimeout, Duration maxPollInterval, Duration maxWait) {
        return new GenerationWorkerSettings.Replicate(null, URI.create(server.baseUrl()), null, Duration.ofSeconds(2),
                readTimeout, Duration.ofSeconds(1), maxPollInterval, maxWait, Duration.ofSeconds(30), SDXL_VERSION);
    }

    GeneratedBatch generate(ReplicateProvider provider, GenerationOrder order) {
        return provider.generate(order, (percent, message) -> progress.add(percent + "% " + message));
    }

    /** Every create request, on any endpoint, answers with this prediction fixture. */
    void created(String fixture) {
        created(okJson(prediction(fixture)).withStatus(201));
    }

    void created(ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathMatching("/v1/(models/.+/)?predictions")).willReturn(answer));
    }

    /** Polling answers with these prediction fixtures in turn, the last one from then on. */
    void polled(String... fixtures) {
        polledWith(Arrays.stream(fixtures).map(this::prediction).toArray(String[]::new));
    }

    /** Polling answers with these bodies in turn, the last one from then on. */
    void polledWith(String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            server.stubFor(get(urlPathEqualTo(PREDICTION_PATH)).inScenario("polling")
                    .whenScenarioStateIs(state(i))
                    .willSetStateTo(state(Math.min(i + 1, bodies.length - 1)))
                    .willReturn(okJson(bodies[i])));
        }
    }

    private static String state(int poll) {
        return poll == 0 ? Scenario.STARTED : "poll " + poll;
    }

    void cancels() {
        server.stubFor(post(urlPathEqualTo(PREDICTION_PATH + "/cancel"))
                .willReturn(okJson(prediction("prediction-canceled.json"))));
    }

    String prediction(String fixture) {
        return Fixtures.prediction(Fixtures.body(fixture), server.baseUrl());
    }

    /** A prediction fixture with some fields replaced, e.g. its output. */
    String prediction(String fixture, Map<String, Object> replaced) {
        return Fixtures.prediction(Fixtures.body(fixture, replaced), server.baseUrl());
    }

    static GenerationOrder order(String model, String negativePrompt, ModelSettings settings) {
        return new GenerationOrder(JobId.random(), model, PROMPT, negativePrompt, settings, "ceramic coffee mug",
                Category.KITCHENWARE, Style.WHITE_BACKGROUND);
    }

    static GenerationOrder schnell(int images) {
        return order("flux-schnell", "", new ModelSettings(1024, 1024, images, null, 4, 42));
    }
}
