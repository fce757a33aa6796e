package dev.imagepipeline.generation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.contracts.ProviderRun;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.image.SettableClock;
import dev.imagepipeline.generation.job.Generation.EventSink;
import dev.imagepipeline.generation.job.SubmittedRuns.Run;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.RunCallbacks;
import dev.imagepipeline.generation.provider.RunSchedule;
import dev.imagepipeline.generation.provider.TestImages;
import dev.imagepipeline.kafka.Cancellations;

class RunWatchTests {

    private static final Instant SUBMITTED = Instant.parse("2026-11-27T10:00:00Z");
    private static final RunSchedule SCHEDULE = new RunSchedule(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofMinutes(10));

    private final SettableClock clock = new SettableClock(SUBMITTED);
    private final Cancellations cancellations = new Cancellations(10);
    private final SubmittedRuns runs = replayed();
    private final Polled provider = new Polled();
    private final List<JobEvent> published = new CopyOnWriteArrayList<>();
    private final JobId job = JobId.random();
    private final Run run = new Run(job, "async", "run-1", SUBMITTED);

    @TempDir
    Path images;

    private Completion completion;
    private RunWatch watch;

    @Nested
    class BeforeItsDeadline {

        @Test
        void endsTheJobOfARunThatSucceededWithItsImages() {
            provider.answer = "succeeded";
            clock.advance(Duration.ofSeconds(30));

            var ended = watch().look(run, published::add);

            assertThat(ended).get().isInstanceOfSatisfying(GenerationSucceeded.class, succeeded -> {
                assertThat(succeeded.provider()).isEqualTo("async");
                assertThat(succeeded.images()).hasSize(1);
                assertThat(succeeded.runs()).containsExactly(new ProviderRun("run-1", 900L));
            });
            assertThat(published).containsExactly(ended.orElseThrow());
            assertThat(images.toFile().list()).hasSize(1);
        }

        @Test
        void endsTheJobWithTheRecordItsSubmissionBegan() {
            runs.read(new GenerationSubmitted(job, SUBMITTED, "async", "slow-model", 7, "run-1", List.of(),
                    Recipes.of("async", "slow-model")));
            provider.answer = "succeeded";
            clock.advance(Duration.ofSeconds(30));

            var ended = watch().look(run, published::add);

            assertThat(ended).get()
                    .isInstanceOfSatisfying(GenerationSucceeded.class,
                            succeeded -> assertThat(succeeded.images().getFirst().record()).satisfies(record -> {
                                assertThat(record.providerInput()).containsEntry("megapixels", "1");
                                assertThat(record.timings().generationMillis()).isEqualTo(30_000);
                            }));
        }

        @Test
        void failsTheJobOfARunThatFailed() {
            provider.answer = "failed";

            assertThat(watch().look(run, published::add)).get()
                    .isEqualTo(new GenerationFailed(job, SUBMITTED, "content_filtered", "all flagged"));
        }

        @Test
        void leavesARunThatGoesOnAlone() {
            provider.answer = "processing";
            clock.advance(Duration.ofMinutes(9));

            assertThat(watch().look(run, published::add)).isEmpty();
            assertThat(published).isEmpty();
            assertThat(provider.canceled).isEmpty();
        }

        @Test
        void asksAgainLaterWhenTheProviderCouldNotBeAsked() {
            provider.answer = "unreachable";

            assertThat(watch().look(run, published::add)).isEmpty();
            provider.answer = "broken";
            assertThat(watch().look(run, published::add)).isEmpty();
            assertThat(published).isEmpty();
        }

        @Test
        void failsTheJobOfARunCanceledAtTheProviderByAnyoneElse() {
            provider.answer = "canceled";

            assertThat(watch().look(run, published::add)).get()
                    .isInstanceOfSatisfying(GenerationFailed.class,
                            failed -> assertThat(failed.reason()).isEqualTo("canceled"));
        }
    }

    @Nested
    class AtItsDeadline {

        @Test
        void cancelsARunStillGoingAndFailsItsJobAsATimeout() {
            provider.answer = "processing";
            clock.advance(Duration.ofMinutes(10));

            var ended = watch().look(run, published::add);

            assertThat(ended).get().isInstanceOfSatisfying(GenerationFailed.class, failed -> {
                assertThat(failed.reason()).isEqualTo("provider_timeout");
                assertThat(failed.message())
                        .isEqualTo("async run run-1 had not ended 600 s after it was submitted; it was canceled.");
            });
            assertThat(provider.canceled).containsExactly("run-1");
            assertThat(published).containsExactly(ended.orElseThrow());
        }

        @Test
        void stillEndsTheJobOfARunThatSucceededInTime() {
            provider.answer = "succeeded";
            clock.advance(Duration.ofMinutes(11));

            assertThat(watch().look(run, published::add)).get().isInstanceOf(GenerationSucceeded.class);
            assertThat(provider.canceled).isEmpty();
        }

        @Test
        void failsTheJobAsATimeoutWhenTheProviderCannotBeAsked() {
            provider.answer = "unreachable";
            clock.advance(Duration.ofMinutes(10));

            assertThat(watch().look(run, published::add)).get()
                    .isInstanceOfSatisfying(GenerationFailed.class,
                            failed -> assertThat(failed.reason()).isEqualTo("provider_timeout"));
        }

        @Test
        void takesARunTheProviderCanceledForItsOwnDeadlineForATimeout() {
            provider.answer = "canceled";
            clock.advance(Duration.ofMinutes(11));

            assertThat(watch().look(run, published::add)).get()
                    .isInstanceOfSatisfying(GenerationFailed.class,
                            failed -> assertThat(failed.reason()).isEqualTo("provider_timeout"));
        }

        @Test
        void saysSoWhenTheRunCouldNotBeCanceled() {
            provider.answer = "processing";
            provider.cancelFails = true;
            clock.advance(Duration.ofMinutes(10));

            assertThat(watch().look(run, published::add)).get()
                    .isInstanceOfSatisfying(GenerationFailed.class, failed -> assertThat(failed.message())
                            .endsWith("canceling it failed too (the provider is down)."));
        }

        @Test
        void triesAgainWhenTheTimeoutCouldNotBePublished() {
            provider.answer = "processing";
            clock.advance(Duration.ofMinutes(10));
            EventSink brokerDown = event -> {
                throw new IllegalStateException("the broker did not acknowledge");
            };

            assertThatIllegalStateException().isThrownBy(() -> watch().look(run, brokerDown));

            assertThat(watch.look(run, published::add)).isPresent();
            assertThat(published).singleElement().isInstanceOf(GenerationFailed.class);
        }
    }

    @Nested
    class AJobOverAlready {

        @Test
        void leavesARunWhoseCallbackEndedTheJobHere() {
            provider.answer = "succeeded";
            watch();
            completion.complete(new ProviderCallback(job, SUBMITTED, "async", "msg_1", "done"), event -> {
            }, published::add);
            published.clear();

            assertThat(watch.look(run, published::add)).isEmpty();
            assertThat(published).isEmpty();
        }

        @Test
        void stopsWatchingTheRunOfACanceledJob() {
            runs.read(new GenerationSubmitted(job, SUBMITTED, "async", "slow-model", 7, "run-1", List.of()));
            cancellations.record(new CancelRequested(job, SUBMITTED, null, null));
            clock.advance(Duration.ofMinutes(10));

            assertThat(watch().look(run, published::add)).isEmpty();

            assertThat(watch.due(candidate -> true)).isEmpty();
            assertThat(provider.polls).isZero();
        }

        @Test
        void leavesTheRunOfAProviderItDoesNotHave() {
            var elsewhere = new Run(job, "elsewhere", "run-9", SUBMITTED);
            clock.advance(Duration.ofHours(1));

            assertThat(watch().look(elsewhere, published::add)).isEmpty();
        }
    }

    @Nested
    class AfterARestart {

        @Test
        void looksAtNoRunBeforeItsReplayOfTheTopicCaughtUp() {
            var restarted = new SubmittedRuns();
            var store = new ImageStore(new GenerationWorkerSettings.Images(images, Duration.ofHours(1),
                    "http://localhost:8080", Duration.ofMinutes(1)), clock);
            var starting = new RunWatch(restarted,
                    new Completion(List.of(provider), Deliveries.into(store, clock), cancellations, restarted, clock),
                    cancellations, clock);
            restarted.read(new GenerationSubmitted(job, SUBMITTED, "async", "slow-model", 7, "run-1", List.of()));
            clock.advance(Duration.ofMinutes(1));

            assertThat(starting.due(candidate -> true)).isEmpty();
            restarted.read(new GenerationSucceeded(job, SUBMITTED.plusSeconds(20), "async", "slow-model", 7, List.of(),
                    List.of(), List.of()));
            restarted.replayed();
            assertThat(starting.due(candidate -> true)).isEmpty();
        }

        @Test
        void doesNotEndAgainAJobWhoseEndItReadOnTheTopic() {
            provider.answer = "succeeded";
            watch();
            runs.read(new GenerationSucceeded(job, SUBMITTED.plusSeconds(20), "async", "slow-model", 7, List.of(),
                    List.of(), List.of()));
            clock.advance(Duration.ofMinutes(10));

            assertThat(watch.look(run, published::add)).isEmpty();
            assertThat(published).isEmpty();
            assertThat(provider.canceled).isEmpty();
        }
    }

    @Test
    void looksAtTheRunsDueOnTheirProvidersSchedule() {
        runs.read(new GenerationSubmitted(job, SUBMITTED, "async", "slow-model", 7, "run-1", List.of()));
        watch();

        assertThat(watch.due(candidate -> true)).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(watch.due(candidate -> true)).containsExactly(run);
        assertThat(watch.due(candidate -> true)).isEmpty();
    }

    private static SubmittedRuns replayed() {
        var runs = new SubmittedRuns();
        runs.replayed();
        return runs;
    }

    private RunWatch watch() {
        var settings = new GenerationWorkerSettings.Images(images, Duration.ofHours(1), "http://localhost:8080",
                Duration.ofMinutes(1));
        var store = new ImageStore(settings, clock);
        completion = new Completion(List.of(provider), Deliveries.into(store, clock), cancellations, runs, clock);
        watch = new RunWatch(runs, completion, cancellations, clock);
        return watch;
    }

    /** A provider whose run-1 stands as the test says, polled or called back. */
    private static final class Polled implements RunCallbacks {

        final List<String> canceled = new CopyOnWriteArrayList<>();
        volatile String answer = "processing";
        volatile boolean cancelFails;
        volatile int polls;

        @Override
        public String provider() {
            return "async";
        }

        @Override
        public Report read(ProviderCallback callback) {
            return report(answer);
        }

        @Override
        public void cancel(String runId) {
            if (cancelFails) {
                throw new ProviderException("provider_error", "the provider is down", true);
            }
            canceled.add(runId);
        }

        @Override
        public Optional<RunSchedule> schedule() {
            return Optional.of(SCHEDULE);
        }

        @Override
        public Report poll(String runId) {
            polls++;
            return report(answer);
        }

        private static Report report(String answer) {
            return switch (answer) {
                case "processing" -> new Report.Progress(50, "run-1 is processing");
                case "unreachable" -> new Report.Nothing("the provider could not be asked");
                case "succeeded" -> new Report.Finished(new GeneratedBatch("slow-model", 7,
                        List.of(new RenderedImage(TestImages.png(64, 48), "image/png", 64, 48)), List.of(),
                        List.of(new ProviderRun("run-1", 900L))));
                case "failed" -> throw new ProviderException("content_filtered", "all flagged", false);
                case "canceled" -> throw new ProviderException("canceled", "run-1 was canceled", false);
                case "broken" -> throw new IllegalStateException("an answer nobody expected");
                default -> throw new IllegalArgumentException(answer);
            };
        }
    }
}
