package dev.imagepipeline.notifier.callback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.imagepipeline.notifier.callback.CallbackTargetsTests.accepted;
import static dev.imagepipeline.notifier.callback.CallbackTargetsTests.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.notifier.ResultNotifierSettings;

/** The deliveries as wired from the settings, against a receiver on this machine (allowed explicitly). */
class CallbackDeliveriesTests {

    private static final String SECRET = WebhookSignerTests.VECTOR_SECRET;
    private static final WireMockServer receiver = started();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Settings.class, ResultNotifierCallbackConfiguration.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withPropertyValues("pipeline.result-notifier.callbacks.allowed-networks=127.0.0.0/8",
                    "pipeline.result-notifier.callbacks.signing-secret=" + SECRET,
                    "pipeline.result-notifier.callbacks.first-retry=100ms");
    private final JobId job = JobId.random();
    private final String url = "http://127.0.0.1:" + receiver.port() + "/hooks/images?token=abc";

    @BeforeEach
    void reset() {
        receiver.resetAll();
        receiver.stubFor(post(urlPathEqualTo("/hooks/images")).willReturn(aResponse().withStatus(204)));
    }

    @AfterAll
    static void stop() {
        receiver.stop();
    }

    @Test
    void postsTheTerminalEventAsPublishedSignedWithTheSecret() {
        run(deliveries -> {
            byte[] json = "{\"type\":\"succeeded\",\"jobId\":\"%s\",\"extra\":1}".formatted(job)
                    .getBytes(StandardCharsets.UTF_8);
            deliveries.published(accepted(job, url), record(11, "{}"));
            deliveries.published(succeeded(job), new PublishedEvent(2, 12, Instant.now(), json));

            var request = await().until(() -> requests(), found -> !found.isEmpty()).getFirst();

            assertThat(request.getBody()).isEqualTo(json);
            assertThat(request.getUrl()).isEqualTo("/hooks/images?token=abc");
            assertThat(request.getHeader("webhook-id")).isEqualTo("msg_" + job + "_2-12");
            assertThat(Long.parseLong(request.getHeader("webhook-timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
                    within(60L));
            assertSignedWithTheSecret(request);
        });
    }

    @Test
    void retriesAFailingReceiverUnderTheSameId() {
        receiver.stubFor(post(urlPathEqualTo("/hooks/images")).inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500))
                .willSetStateTo("recovered"));
        receiver.stubFor(post(urlPathEqualTo("/hooks/images")).inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(aResponse().withStatus(200)));
        run(deliveries -> {
            deliver(deliveries);

            await().until(() -> deliveries.pending() == 0);
            var attempts = requests();
            assertThat(attempts).hasSize(2);
            assertThat(attempts).extracting(request -> request.getHeader("webhook-id"))
                    .containsOnly("msg_" + job + "_0-2");
            attempts.forEach(this::assertSignedWithTheSecret);
        });
    }

    @Test
    void givesUpAtOnceOnAClientError() {
        receiver.stubFor(post(urlPathEqualTo("/hooks/images")).willReturn(aResponse().withStatus(400)));
        run(deliveries -> {
            deliver(deliveries);

            await().until(() -> deliveries.pending() == 0);
            assertThat(requests()).hasSize(1);
        });
    }

    @Test
    void waitsAsLongAsTheReceiverAsksWithRetryAfter() {
        receiver.stubFor(post(urlPathEqualTo("/hooks/images")).inScenario("busy")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
                .willSetStateTo("free"));
        receiver.stubFor(post(urlPathEqualTo("/hooks/images")).inScenario("busy")
                .whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200)));
        run(deliveries -> {
            deliver(deliveries);

            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.pending() == 0);
            var attempts = requests();
            assertThat(attempts).hasSize(2);
            long waited = attempts.get(1).getLoggedDate().getTime() - attempts.get(0).getLoggedDate().getTime();
            assertThat(waited).as("milliseconds between the attempts").isGreaterThanOrEqualTo(1_000);
        });
    }

    @Test
    void stopsRetryingOnceTheEventIsOlderThanRetryFor() {
        receiver.stubFor(post(urlPathEqualTo("/hooks/images")).willReturn(aResponse().withStatus(503)));
        runner.withPropertyValues("pipeline.result-notifier.callbacks.retry-for=1s").run(context -> {
            var deliveries = context.getBean(CallbackDeliveries.class);
            deliver(deliveries);

            await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.pending() == 0);
            assertThat(requests()).hasSizeBetween(2, 5);
        });
    }

    @Test
    void sendsNothingForAnEventPublishedLongerAgoThanRetryFor() {
        run(deliveries -> {
            deliveries.published(accepted(job, url), record(1, "{}"));
            deliveries.published(succeeded(job), new PublishedEvent(0, 2, Instant.now().minus(Duration.ofHours(2)),
                    "{}".getBytes(StandardCharsets.UTF_8)));

            assertThat(deliveries.pending()).isZero();
        });
    }

    @Test
    void postsEveryEventUnderItsOwnIdWhenToldTo() {
        runner.withPropertyValues("pipeline.result-notifier.callbacks.events=all").run(context -> {
            var deliveries = context.getBean(CallbackDeliveries.class);
            deliveries.published(accepted(job, url), record(1, "{\"type\":\"accepted\"}"));
            deliveries.published(new GenerationProgressed(job, Instant.now(), 50, "half"),
                    record(2, "{\"type\":\"progress\"}"));
            deliveries.published(succeeded(job), record(3, "{\"type\":\"succeeded\"}"));

            await().until(() -> requests().size() == 3);
            assertThat(requests()).extracting(request -> request.getHeader("webhook-id"))
                    .containsExactlyInAnyOrder("msg_" + job + "_0-1", "msg_" + job + "_0-2", "msg_" + job + "_0-3");
        });
    }

    @Test
    void sendsNothingToAnAddressThePolicyRefuses() {
        run(deliveries -> {
            deliveries.published(accepted(job, "http://169.254.169.254/latest/meta-data/"), record(1, "{}"));
            deliveries.published(succeeded(job), record(2, "{}"));

            assertThat(deliveries.pending()).isZero();
        });
    }

    @Test
    void sendsNothingWithoutASigningSecret() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class, ResultNotifierCallbackConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("pipeline.result-notifier.callbacks.allowed-networks=127.0.0.0/8")
                .run(context -> {
                    var deliveries = context.getBean(CallbackDeliveries.class);
                    deliver(deliveries);

                    assertThat(deliveries.enabled()).isFalse();
                    assertThat(deliveries.pending()).isZero();
                    receiver.verify(0, anyRequestedFor(anyUrl()));
                });
    }

    @Test
    void takesTheSecretFromTheEnvironmentWhenTheSettingIsBlank() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class, ResultNotifierCallbackConfiguration.class)
                .withBean(Clock.class, Clock::systemUTC)
                .withPropertyValues("pipeline.result-notifier.callbacks.allowed-networks=127.0.0.0/8",
                        "CALLBACK_SIGNING_SECRET=" + SECRET)
                .run(context -> {
                    var deliveries = context.getBean(CallbackDeliveries.class);
                    deliver(deliveries);

                    await().until(() -> !requests().isEmpty());
                    assertSignedWithTheSecret(requests().getFirst());
                });
    }

    private void deliver(CallbackDeliveries deliveries) {
        deliveries.published(accepted(job, url), record(1, "{}"));
        deliveries.published(succeeded(job), record(2, "{\"type\":\"succeeded\"}"));
    }

    private void run(Consumer<CallbackDeliveries> test) {
        runner.run(context -> test.accept(context.getBean(CallbackDeliveries.class)));
    }

    private void assertSignedWithTheSecret(LoggedRequest request) {
        assertThat(request.getHeader("webhook-signature")).isEqualTo(Signatures.expected(SECRET,
                request.getHeader("webhook-id"), request.getHeader("webhook-timestamp"), request.getBody()));
    }

    private static List<LoggedRequest> requests() {
        return receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/images")));
    }

    private static PublishedEvent record(long offset, String json) {
        return new PublishedEvent(0, offset, Instant.now(), json.getBytes(StandardCharsets.UTF_8));
    }

    private static WireMockServer started() {
        var server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ResultNotifierSettings.class)
    static class Settings {
    }
}
