package dev.imagepipeline.generation.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.contracts.ProviderRun;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.job.Generation.EventSink;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.RunCallbacks;
import dev.imagepipeline.generation.provider.RunCallbacks.Report;
import dev.imagepipeline.generation.provider.TestImages;
import dev.imagepipeline.kafka.Cancellations;

class CompletionTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final JobId JOB = JobId.random();

    private final List<JobEvent> progress = new ArrayList<>();
    private final List<JobEvent> published = new CopyOnWriteArrayList<>();
    private final Cancellations cancellations = new Cancellations(10);
    private final SubmittedRuns runs = new SubmittedRuns();
    private final Scripted scripted = new Scripted();

    @TempDir
    Path images;

    @Test
    void storesTheImagesOfAFinishedRunAndRecordsTheRun() {
        var result = completion().complete(callback("async", "done"), progress::add, published::add);

        assertThat(result).get().isInstanceOfSatisfying(GenerationSucceeded.class, succeeded -> {
            assertThat(succeeded.provider()).isEqualTo("async");
            assertThat(succeeded.model()).isEqualTo("slow-model");
            assertThat(succeeded.seed()).isEqualTo(7);
            assertThat(succeeded.images()).singleElement().satisfies(image -> {
                assertThat(image.url()).startsWith("http://localhost:8080/api/images/");
                assertThat(image.width()).isEqualTo(64);
            });
            assertThat(succeeded.warnings()).containsExactly("one image was dropped");
            assertThat(succeeded.runs()).containsExactly(new ProviderRun("run-1", 900L));
        });
        assertThat(images.toFile().list()).hasSize(1);
        assertThat(progress).isEmpty();
        assertThat(published).containsExactly(result.orElseThrow());
    }

    @Test
    void completesTheRecipeItsSubmissionPublished() {
        runs.read(new GenerationSubmitted(JOB, CLOCK.instant().minusSeconds(3), "async", "slow-model", 7, "run-1",
                List.of("slow-model draws squares only"), Recipes.of("async", "slow-model")));

        var result = completion().complete(callback("async", "done"), progress::add, published::add);

        assertThat(result).get().isInstanceOfSatisfying(GenerationSucceeded.class, succeeded -> {
            var record = succeeded.images().getFirst().record();
            assertThat(record).isNotNull();
            assertThat(record.provider()).isEqualTo("async");
            assertThat(record.providerInput()).containsEntry("megapixels", "1");
            assertThat(record.warnings()).containsExactly("slow-model draws squares only", "one image was dropped");
            assertThat(record.timings().generationMillis()).isEqualTo(3000);
            assertThat(record.timings().computeMillis()).isEqualTo(900);
        });
    }

    @Test
    void completesASubmissionWithoutARecipeWithoutARecord() {
        runs.read(new GenerationSubmitted(JOB, CLOCK.instant(), "async", "slow-model", 7, "run-1", List.of()));

        var result = completion().complete(callback("async", "done"), progress::add, published::add);

        assertThat(result).get()
                .isInstanceOfSatisfying(GenerationSucceeded.class,
                        succeeded -> assertThat(succeeded.images().getFirst().record()).isNull());
    }

    @Test
    void announcesProgressAndEndsNothing() {
        var result = completion().complete(callback("async", "started"), progress::add, published::add);

        assertThat(result).isEmpty();
        assertThat(progress).containsExactly(new GenerationProgressed(JOB, CLOCK.instant(), 0, "run-1 started"));
    }

    @Test
    void failsTheJobOfARunThatFailed() {
        var result = completion().complete(callback("async", "filtered"), progress::add, published::add);

        assertThat(result).contains(new GenerationFailed(JOB, CLOCK.instant(), "content_filtered", "all flagged"));
    }

    @Test
    void ignoresCallbacksForAJobItFinished() {
        var completion = completion();
        completion.complete(callback("async", "done"), progress::add, published::add);

        assertThat(completion.complete(callback("async", "done"), progress::add, published::add)).isEmpty();
        assertThat(completion.complete(callback("async", "started"), progress::add, published::add)).isEmpty();
        assertThat(images.toFile().list()).hasSize(1);
        assertThat(progress).isEmpty();
    }

    @Nested
    class OneEndPerJob {

        @Test
        void ignoresACallbackForAJobWhoseEndItReadOnTheTopic() {
            var completion = completion();
            runs.read(new GenerationSucceeded(JOB, CLOCK.instant(), "async", "slow-model", 7, List.of(), List.of(),
                    List.of()));

            assertThat(completion.finished(JOB)).isTrue();
            assertThat(completion.complete(callback("async", "filtered"), progress::add, published::add)).isEmpty();
            assertThat(published).isEmpty();
        }

        @Test
        void refusesThePromptsPathTheEndOfAJobACallbackEnded() {
            var completion = completion();
            completion.complete(callback("async", "done"), progress::add, published::add);

            assertThat(completion.claim(JOB)).isFalse();
        }

        @Test
        void refusesThePromptsPathTheEndOfAJobEndedOnTheTopic() {
            var completion = completion();
            runs.read(new GenerationFailed(JOB, CLOCK.instant(), "provider_error", "it broke"));

            assertThat(completion.claim(JOB)).isFalse();
        }

        @Test
        void ignoresACallbackAfterThePromptsPathClaimedTheEnd() {
            var completion = completion();

            assertThat(completion.claim(JOB)).isTrue();

            assertThat(completion.complete(callback("async", "done"), progress::add, published::add)).isEmpty();
            assertThat(published).isEmpty();
            assertThat(images.toFile().list()).isEmpty();
        }
    }

    @Test
    void publishesOneEndingWhenTwoCallbacksEndTheJobAtOnce() throws Exception {
        var completion = completion();

        try (var threads = Executors.newFixedThreadPool(2)) {
            var first = threads.submit(
                    () -> completion.complete(callback("async", "done-together"), progress::add, published::add));
            var second = threads.submit(
                    () -> completion.complete(callback("async", "done-together"), progress::add, published::add));
            assertThat(List.of(first.get(), second.get())).filteredOn(Optional::isPresent).hasSize(1);
        }

        assertThat(published).singleElement().isInstanceOf(GenerationSucceeded.class);
        assertThat(images.toFile().list()).hasSize(1);
    }

    @Test
    void leavesTheJobOpenWhenItsEndingCouldNotBePublished() {
        var completion = completion();
        EventSink brokerDown = event -> {
            throw new IllegalStateException("the broker did not acknowledge");
        };

        assertThatIllegalStateException()
                .isThrownBy(() -> completion.complete(callback("async", "done"), progress::add, brokerDown));

        assertThat(completion.complete(callback("async", "done"), progress::add, published::add)).isPresent();
        assertThat(published).singleElement().isInstanceOf(GenerationSucceeded.class);
    }

    @Test
    void failsTheJobOfACallbackFromAProviderItDoesNotHave() {
        var result = completion().complete(callback("elsewhere", "done"), progress::add, published::add);

        assertThat(result).get().isInstanceOfSatisfying(GenerationFailed.class, failed -> {
            assertThat(failed.reason()).isEqualTo("unknown_provider");
            assertThat(failed.message()).contains("'elsewhere'", "[async]");
        });
    }

    @Test
    void leavesABodyItCannotReadToTheErrorHandler() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> completion().complete(callback("async", "garbage"), progress::add, published::add));
    }

    @Test
    void ignoresWhatTheProviderSaysChangesNothing() {
        assertThat(completion().complete(callback("async", "hibernating"), progress::add, published::add)).isEmpty();
        assertThat(progress).isEmpty();
    }

    private Completion completion() {
        var settings = new GenerationWorkerSettings.Images(images, Duration.ofHours(1), "http://localhost:8080",
                Duration.ofMinutes(1));
        return new Completion(List.of(scripted), Deliveries.into(new ImageStore(settings, CLOCK), CLOCK), cancellations,
                runs, CLOCK);
    }

    @Test
    void ignoresCallbacksForACanceledJob() {
        var completion = completion();
        cancellations.record(new CancelRequested(JOB, CLOCK.instant(), "async", "run-1"));

        assertThat(completion.complete(callback("async", "done"), progress::add, published::add)).isEmpty();
        assertThat(images.toFile().list()).isEmpty();
    }

    @Test
    void cancelsTheRunOfACanceledJobAtItsProvider() {
        completion();

        cancellations.record(new CancelRequested(JOB, CLOCK.instant(), "async", "run-1"));
        cancellations.record(new CancelRequested(JobId.random(), CLOCK.instant(), "elsewhere", "run-2"));
        cancellations.record(new CancelRequested(JobId.random(), CLOCK.instant(), "async", null));
        cancellations.record(
                new CancelRequested(JobId.random(), CLOCK.instant().minus(Duration.ofHours(2)), "async", "run-old"));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scripted.canceled).contains("run-1"));
        assertThat(scripted.canceled).containsExactly("run-1");
    }

    private static ProviderCallback callback(String provider, String body) {
        return new ProviderCallback(JOB, CLOCK.instant(), provider, "msg_1", body);
    }

    private static void meet(CyclicBarrier barrier) {
        try {
            barrier.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a one-word body as the provider's news about run-1. */
    private static final class Scripted implements RunCallbacks {

        final List<String> canceled = new CopyOnWriteArrayList<>();
        final CyclicBarrier bothRead = new CyclicBarrier(2);

        @Override
        public void cancel(String runId) {
            canceled.add(runId);
        }

        @Override
        public String provider() {
            return "async";
        }

        @Override
        public Report read(ProviderCallback callback) {
            return switch (callback.body()) {
                case "started" -> new Report.Progress(0, "run-1 started");
                case "done" -> new Report.Finished(new GeneratedBatch("slow-model", 7,
                        List.of(new RenderedImage(TestImages.png(64, 48), "image/png", 64, 48)),
                        List.of("one image was dropped"), List.of(new ProviderRun("run-1", 900L))));
                case "filtered" -> throw new ProviderException("content_filtered", "all flagged", false);
                case "hibernating" -> new Report.Nothing("a status this version does not know");
                case "done-together" -> {
                    // Both callbacks have been read before either ends the job.
                    meet(bothRead);
                    yield read(new ProviderCallback(JOB, CLOCK.instant(), "async", "msg_1", "done"));
                }
                default -> throw new IllegalArgumentException("not a callback: " + callback.body());
            };
        }
    }
}
