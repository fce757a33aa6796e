package dev.imagepipeline.generation.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.generation.job.SubmittedRuns.Run;
import dev.imagepipeline.generation.provider.RunSchedule;

class SubmittedRunsTests {

    private static final Instant SUBMITTED = Instant.parse("2026-11-27T10:00:00Z");
    private static final RunSchedule SCHEDULE = new RunSchedule(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofMinutes(10));
    private static final Predicate<JobId> ALL = job -> true;

    private final SubmittedRuns runs = new SubmittedRuns();
    private final JobId job = JobId.random();

    @Nested
    class Learning {

        @Test
        void knowsAJobWasSubmittedFromItsEvent() {
            runs.read(new GenerationProgressed(job, SUBMITTED, 0, "generating with replicate/flux-schnell"));
            assertThat(runs.submitted(job)).isFalse();

            runs.read(submitted(job, "p1"));

            assertThat(runs.submitted(job)).isTrue();
            assertThat(runs.submitted(JobId.random())).isFalse();
        }

        @Test
        void stillKnowsARunThatEndedSoThatItsPromptIsNotSubmittedAgain() {
            runs.read(submitted(job, "p1"));
            runs.read(new GenerationSucceeded(job, SUBMITTED.plusSeconds(5), "replicate", "flux-schnell", 1, List.of(),
                    List.of(), List.of()));

            assertThat(runs.submitted(job)).isTrue();
            assertThat(due(SUBMITTED.plus(Duration.ofHours(1)))).isEmpty();
        }

        @Test
        void stopsWatchingARunWhateverEndsItsJob() {
            var failed = JobId.random();
            var canceled = JobId.random();
            runs.read(submitted(failed, "p1"));
            runs.read(submitted(canceled, "p2"));

            runs.read(new GenerationFailed(failed, SUBMITTED, "provider_error", "it broke"));
            runs.read(new JobCanceled(canceled, SUBMITTED, "by its client"));

            assertThat(due(SUBMITTED.plus(Duration.ofHours(1)))).isEmpty();
        }

        @Test
        void keepsWatchingTheFirstRunOfAJobSubmittedTwice() {
            runs.read(submitted(job, "p1"));
            runs.read(submitted(job, "p2"));

            assertThat(due(SUBMITTED.plusSeconds(30))).extracting(Run::id).containsExactly("p1");
        }

        @Test
        void doesNotReopenAnEndedJobForALateSubmission() {
            runs.read(submitted(job, "p1"));
            runs.read(new GenerationFailed(job, SUBMITTED, "provider_error", "it broke"));
            runs.read(submitted(job, "p2"));

            assertThat(due(SUBMITTED.plus(Duration.ofHours(1)))).isEmpty();
        }

        @Test
        void doesNotWatchARunWhoseJobsEndWasReadBeforeItsSubmission() {
            runs.read(new GenerationSucceeded(job, SUBMITTED.plusSeconds(5), "replicate", "flux-schnell", 1, List.of(),
                    List.of(), List.of()));
            runs.read(submitted(job, "p1"));

            assertThat(runs.submitted(job)).isTrue();
            assertThat(due(SUBMITTED.plus(Duration.ofHours(1)))).isEmpty();
        }

        @Test
        void knowsWhichJobsEndedOnTheTopic() {
            var open = JobId.random();
            runs.read(submitted(job, "p1"));
            runs.read(submitted(open, "p2"));
            runs.read(new GenerationFailed(job, SUBMITTED, "provider_error", "it broke"));

            assertThat(runs.ended(job)).isTrue();
            assertThat(runs.ended(open)).isFalse();
        }

        @Test
        void forgetsTheOldestRunsBeyondItsBound() {
            runs.read(submitted(job, "first"));
            for (int i = 0; i < SubmittedRuns.REMEMBERED; i++) {
                runs.read(submitted(JobId.random(), "p" + i));
            }

            assertThat(runs.submitted(job)).isFalse();
        }

        @Test
        void letsWaitersGoOnceItHasReadWhatTheTopicHeldAtItsStart() throws Exception {
            var waiter = CompletableFuture.runAsync(() -> {
                try {
                    runs.awaitReplayed();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(waiter).isNotDone();

            runs.replayed();

            waiter.get(5, TimeUnit.SECONDS);
        }
    }

    @Nested
    class Watching {

        @Test
        void watchesNothingUntilItHasReadWhatTheTopicHeldAtItsStart() {
            var starting = new SubmittedRuns();
            starting.read(submitted(job, "p1"));

            var now = SUBMITTED.plus(Duration.ofHours(1));
            assertThat(starting.due(now, ALL, provider -> Optional.of(SCHEDULE))).isEmpty();
            starting.replayed();
            assertThat(starting.due(now, ALL, provider -> Optional.of(SCHEDULE))).extracting(Run::id)
                    .containsExactly("p1");
        }

        @Test
        void leavesARunAloneDuringItsGrace() {
            runs.read(submitted(job, "p1"));

            assertThat(due(SUBMITTED.plusSeconds(29))).isEmpty();
            assertThat(due(SUBMITTED.plusSeconds(30))).extracting(Run::job).containsExactly(job);
        }

        @Test
        void looksAgainAfterEachInterval() {
            runs.read(submitted(job, "p1"));
            due(SUBMITTED.plusSeconds(30));

            assertThat(due(SUBMITTED.plusSeconds(39))).isEmpty();
            assertThat(due(SUBMITTED.plusSeconds(40))).hasSize(1);
            assertThat(due(SUBMITTED.plusSeconds(41))).isEmpty();
        }

        @Test
        void looksOnlyAtTheRunsOwnedHere() {
            var other = JobId.random();
            runs.read(submitted(job, "p1"));
            runs.read(submitted(other, "p2"));

            runs.replayed();
            assertThat(runs.due(SUBMITTED.plusSeconds(30), candidate -> candidate.equals(other),
                    provider -> Optional.of(SCHEDULE))).extracting(Run::id).containsExactly("p2");
            // A run looked at elsewhere is still due here once this instance owns it.
            assertThat(due(SUBMITTED.plusSeconds(31))).extracting(Run::id).containsExactly("p1");
        }

        @Test
        void leavesTheRunsOfAProviderItCannotWatch() {
            runs.read(submitted(job, "p1"));

            runs.replayed();
            assertThat(runs.due(SUBMITTED.plus(Duration.ofHours(1)), ALL, provider -> Optional.empty())).isEmpty();
        }

        @Test
        void stopsWatchingARunItIsToldToForget() {
            runs.read(submitted(job, "p1"));

            runs.forget(job);

            assertThat(due(SUBMITTED.plus(Duration.ofHours(1)))).isEmpty();
            assertThat(runs.submitted(job)).isTrue();
        }

        @Test
        void describesTheRunFromItsSubmission() {
            runs.read(submitted(job, "p1"));

            assertThat(due(SUBMITTED.plusSeconds(30))).containsExactly(new Run(job, "replicate", "p1", SUBMITTED));
        }
    }

    private List<Run> due(Instant now) {
        runs.replayed();
        return runs.due(now, ALL, provider -> Optional.of(SCHEDULE));
    }

    private static GenerationSubmitted submitted(JobId job, String prediction) {
        return new GenerationSubmitted(job, SUBMITTED, "replicate", "flux-schnell", 42, prediction, List.of());
    }
}
