package dev.imagepipeline.generation.provider.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.ID;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.SCHNELL_PATH;
import static dev.imagepipeline.generation.provider.replicate.ReplicateStubs.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.contracts.ProviderRun;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RunCallbacks.Report;
import dev.imagepipeline.generation.provider.TestImages;

/** Replicate's webhook mode: predictions submitted with a webhook that names the job, and the callbacks they bring. */
class ReplicateWebhookTests {

    @RegisterExtension
    static final WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private ReplicateStubs replicate;

    @BeforeEach
    void stubReplicate() {
        replicate = new ReplicateStubs(server);
    }

    @Nested
    class Submitting {

        @Test
        void createsThePredictionWithAWebhookThatNamesTheJob() {
            replicate.created("prediction-starting.json");
            var order = order("flux-schnell", "blurry, text", new ModelSettings(1024, 1024, 2, null, 4, 42));
            var provider = replicate.submitting("https://images.example.com");

            assertThat(provider.submits(order)).isTrue();
            var run = provider.submit(order, (percent, message) -> replicate.progress.add(percent + "% " + message));

            assertThat(run.id()).isEqualTo(ID);
            assertThat(run.model()).isEqualTo("flux-schnell");
            assertThat(run.seed()).isEqualTo(42);
            assertThat(run.warnings()).containsExactly("flux-schnell takes no negative prompt: it was not sent.");
            assertThat(replicate.progress)
                    .containsExactly("0% prediction " + ID + " submitted; Replicate calls back " + "when it ends");
            server.verify(postRequestedFor(urlPathEqualTo(SCHNELL_PATH)).withoutHeader("Prefer")
                    // max-wait, and a minute more: the worker watching the run cancels it first, as a timeout.
                    .withHeader("Cancel-After", equalTo("660s"))
                    .withRequestBody(equalToJson("""
                            {"webhook": "https://images.example.com/api/webhook/replicate?job=%s",
                             "webhook_events_filter": ["start", "completed"],
                             "input": {"num_outputs": 2, "seed": 42}}
                            """.formatted(order.jobId()), true, true)));
        }

        @Test
        void keepsThePathOfThePublicAddress() {
            replicate.created("prediction-starting.json");
            var order = ReplicateStubs.schnell(1);

            replicate.submitting("https://example.com/pipeline/").submit(order, (percent, message) -> {
            });

            server.verify(postRequestedFor(urlPathEqualTo(SCHNELL_PATH)).withRequestBody(equalToJson("""
                    {"webhook": "https://example.com/pipeline/api/webhook/replicate?job=%s"}
                    """.formatted(order.jobId()), true, true)));
        }

        @Test
        void pollsAnOrderThatTakesSeveralPredictions() {
            var pro = order("flux-1.1-pro", "", new ModelSettings(1024, 1024, 2, null, null, 42));
            var provider = replicate.submitting("https://images.example.com");

            assertThat(provider.submits(pro)).isFalse();
            assertThat(provider.submits(order("flux-1.1-pro", "", new ModelSettings(1024, 1024, 1, null, null, 42))))
                    .isTrue();
        }

        @Test
        void pollsEveryOrderWithoutAPublicAddress() {
            assertThat(replicate.provider().submits(ReplicateStubs.schnell(1))).isFalse();
        }

        @Test
        void reportsARefusedCreateLikeAnyOther() {
            replicate.created(aResponse().withStatus(422).withBody("{\"detail\": \"Invalid input\"}"));

            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> replicate.submitting("https://images.example.com")
                            .submit(ReplicateStubs.schnell(1), (percent, message) -> {
                            }))
                    .satisfies(e -> assertThat(e.retryable()).isFalse());
        }
    }

    @Nested
    class Polling {

        @Test
        void readsAPolledPredictionAsItsCallback() {
            replicate.polled("prediction-succeeded.json");

            var report = replicate.callbacks().poll(ID);

            assertThat(report).isInstanceOfSatisfying(Report.Finished.class, finished -> {
                assertThat(finished.batch().images()).hasSize(1);
                assertThat(finished.batch().runs()).containsExactly(new ProviderRun(ID, 912L));
            });
            server.verify(getRequestedFor(urlPathEqualTo(ReplicateStubs.PREDICTION_PATH)));
        }

        @Test
        void reportsAPredictionStillRunningAsProgress() {
            replicate.polled("prediction-processing.json");

            assertThat(replicate.callbacks().poll(ID))
                    .isEqualTo(new Report.Progress(50, "prediction " + ID + " is processing"));
        }

        @Test
        void failsOnAPolledPredictionThatFailed() {
            replicate.polled("prediction-failed.json");

            assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> replicate.callbacks().poll(ID))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("content_filtered"));
        }

        @Test
        void saysNothingWhenReplicateCannotBeAsked() {
            server.stubFor(get(urlPathEqualTo(ReplicateStubs.PREDICTION_PATH)).willReturn(aResponse().withStatus(503)));

            assertThat(replicate.callbacks().poll(ID)).isInstanceOfSatisfying(Report.Nothing.class,
                    nothing -> assertThat(nothing.why()).contains("polling prediction " + ID + " failed"));
        }

        @Test
        void watchesSubmittedPredictionsWithinMaxWait() {
            assertThat(replicate.callbacks().schedule()).hasValueSatisfying(schedule -> {
                assertThat(schedule.grace()).isEqualTo(Duration.ofSeconds(30));
                assertThat(schedule.interval()).isEqualTo(Duration.ofSeconds(10));
                assertThat(schedule.deadline()).isEqualTo(Duration.ofMinutes(10));
            });
        }
    }

    @Nested
    class Callbacks {

        @Test
        void copiesTheImagesOfASucceededPrediction() {
            var batch = finished(replicate.prediction("prediction-succeeded.json"));

            assertThat(batch.images()).singleElement()
                    .satisfies(image -> assertThat(image.width()).isEqualTo(ReplicateStubs.FILE_WIDTH));
            assertThat(batch.model()).isEqualTo("flux-schnell");
            assertThat(batch.seed()).isEqualTo(424242);
            assertThat(batch.warnings()).isEmpty();
            assertThat(batch.runs()).containsExactly(new ProviderRun(ID, 912L));
            server.verify(getRequestedFor(urlPathEqualTo("/xezq/example-out-0.webp")));
        }

        @Test
        void readsAPredictionWithoutTheFieldsItCanDoWithout() {
            String bare = """
                    {"id": "%s", "status": "succeeded", "output": ["%s/xezq/example-out-0.webp"]}
                    """.formatted(ID, server.baseUrl());

            var batch = finished(bare);

            assertThat(batch.images()).hasSize(1);
            assertThat(batch.model()).isEqualTo("unknown");
            assertThat(batch.warnings())
                    .containsExactly("Replicate reported no seed for prediction " + ID + "; the job records 0.");
            assertThat(batch.runs()).containsExactly(new ProviderRun(ID, null));
        }

        @Test
        void takesTheSeedFromTheInputsFirst() {
            var input = Map.<String, Object>of("prompt", "a mug", "num_outputs", 1, "seed", 7);

            assertThat(finished(replicate.prediction("prediction-succeeded.json", Map.of("input", input))).seed())
                    .isEqualTo(7);
        }

        @Test
        void readsTheSingleUrlOfFluxPro() {
            var batch = finished(replicate.prediction("prediction-succeeded-flux-1.1-pro.json"));

            assertThat(batch.model()).isEqualTo("flux-1.1-pro");
            assertThat(batch.images()).hasSize(1);
        }

        @Test
        void warnsOfImagesTheSafetyCheckerDropped() {
            var batch = finished(replicate.prediction("prediction-succeeded-partial-nsfw.json"));

            assertThat(batch.images()).hasSize(1);
            assertThat(batch.warnings()).singleElement().asString().contains("delivered 1 of the 2 images");
        }

        @Test
        void retriesADownloadThatFailed() {
            server.stubFor(get(urlPathEqualTo("/xezq/example-out-0.webp")).inScenario("flaky")
                    .whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("recovered")
                    .willReturn(aResponse().withStatus(502)));
            server.stubFor(get(urlPathEqualTo("/xezq/example-out-0.webp")).inScenario("flaky")
                    .whenScenarioStateIs("recovered")
                    .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(TestImages.png(64, 48))));

            assertThat(finished(replicate.prediction("prediction-succeeded.json")).images()).hasSize(1);
            server.verify(2, getRequestedFor(urlPathEqualTo("/xezq/example-out-0.webp")));
        }

        @Test
        void failsWhenReplicateRemovedTheImagesAlready() {
            String removed = replicate.prediction("prediction-succeeded.json",
                    Map.of("data_removed", true, "output", List.of()));

            assertFailure(removed, "provider_error").withMessageContaining("removed its images");
        }

        @Test
        void failsOnEveryUnhappyEnd() {
            assertFailure(replicate.prediction("prediction-failed.json"), "content_filtered");
            assertFailure(replicate.prediction("prediction-canceled.json"), "canceled");
            assertFailure(replicate.prediction("prediction-aborted.json"), "provider_timeout");
        }

        @Test
        void reportsTheStartAndProcessingAsProgress() {
            assertThat(read(replicate.prediction("prediction-starting.json")))
                    .isEqualTo(new Report.Progress(0, "prediction " + ID + " started"));
            assertThat(read(replicate.prediction("prediction-processing.json")))
                    .isEqualTo(new Report.Progress(50, "prediction " + ID + " is processing"));
        }

        @Test
        void tellsNothingOfAStatusItDoesNotKnow() {
            assertThat(read(replicate.prediction("prediction-processing.json", Map.of("status", "hibernating"))))
                    .isInstanceOf(Report.Nothing.class);
        }

        @Test
        void refusesABodyThatIsNotAPrediction() {
            assertThatIllegalArgumentException().isThrownBy(() -> read("{\"hello\": \"world\"}"))
                    .withMessageContaining("not a prediction");
            assertThatIllegalArgumentException().isThrownBy(() -> read("null"));
            assertThatIllegalArgumentException().isThrownBy(() -> read("<html>"));
        }

        private GeneratedBatch finished(String body) {
            var report = read(body);
            assertThat(report).isInstanceOf(Report.Finished.class);
            return ((Report.Finished) report).batch();
        }

        private ThrowableAssertAlternative<ProviderException> assertFailure(String body, String reason) {
            return assertThatExceptionOfType(ProviderException.class).isThrownBy(() -> read(body))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo(reason));
        }

        private Report read(String body) {
            return replicate.callbacks()
                    .read(new ProviderCallback(JobId.random(), Instant.now(), "replicate", "msg_1", body));
        }
    }
}
