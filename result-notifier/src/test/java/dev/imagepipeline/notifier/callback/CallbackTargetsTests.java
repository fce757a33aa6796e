package dev.imagepipeline.notifier.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.notifier.callback.CallbackTargets.Destination;

class CallbackTargetsTests {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final String URL = "https://shop.example/hooks/images";
    private static final Destination TO_URL = new Destination(URL, null);

    private final MovableClock clock = new MovableClock(NOW);
    private final CallbackTargets targets = new CallbackTargets(100, Duration.ofHours(6), clock);
    private final JobId job = JobId.random();

    @Nested
    class ForTerminalEvents {

        @Test
        void deliversTheFirstTerminalEventOfAJobThatNamedAUrlWhenAccepted() {
            assertThat(targets.observe(accepted(job, URL), false)).isEmpty();
            assertThat(targets.observe(progressed(job), false)).isEmpty();

            assertThat(targets.observe(succeeded(job), false)).hasValue(TO_URL);
            assertThat(targets.observe(succeeded(job), false)).as("the same terminal event again").isEmpty();
            assertThat(targets.observe(failed(job), false)).as("a later terminal event").isEmpty();
        }

        @Test
        void signsWithTheKeyOfTheClientWhoseJobItIs() {
            targets.observe(accepted(job, URL, "shop-a"), false);

            assertThat(targets.observe(succeeded(job), false)).hasValue(new Destination(URL, "shop-a"));
        }

        @Test
        void learnsTheUrlFromThePreparedPromptOfAJobProducedStraightOntoTheTopic() {
            assertThat(targets.observe(prepared(job, URL), false)).isEmpty();

            assertThat(targets.observe(failed(job), false)).hasValue(TO_URL);
        }

        @Test
        void deliversNothingForAJobWithoutAUrl() {
            targets.observe(accepted(job, null), false);

            assertThat(targets.observe(succeeded(job), false)).isEmpty();
            assertThat(targets.size()).isZero();
        }
    }

    @Nested
    class ForEveryEvent {

        @Test
        void deliversEachEventUpToTheFirstTerminalOne() {
            assertThat(targets.observe(accepted(job, URL), true)).hasValue(TO_URL);
            assertThat(targets.observe(progressed(job), true)).hasValue(TO_URL);
            assertThat(targets.observe(failed(job), true)).hasValue(TO_URL);

            assertThat(targets.observe(progressed(job), true)).as("a late event").isEmpty();
            assertThat(targets.observe(succeeded(job), true)).isEmpty();
        }
    }

    @Test
    void remembersWhatAReplayTaughtIt() {
        targets.observe(accepted(job, URL), false);
        targets.observe(succeeded(job), false);

        assertThat(targets.observe(succeeded(job), false)).as("the terminal event published twice").isEmpty();
    }

    @Test
    void forgetsAJobItHasNotHeardOfForTheRetention() {
        targets.observe(accepted(job, URL), false);
        clock.advance(Duration.ofHours(6).plusSeconds(1));
        targets.observe(accepted(JobId.random(), URL), false);

        assertThat(targets.observe(succeeded(job), false)).isEmpty();
    }

    @Test
    void holdsAtMostItsLimitForgettingTheStalestFirst() {
        var small = new CallbackTargets(2, Duration.ofHours(6), clock);
        var first = JobId.random();
        var second = JobId.random();
        var third = JobId.random();
        small.observe(accepted(first, URL), false);
        small.observe(accepted(second, URL), false);
        small.observe(progressed(first), false);
        small.observe(accepted(third, URL), false);

        assertThat(small.size()).isEqualTo(2);
        assertThat(small.observe(succeeded(second), false)).isEmpty();
        assertThat(small.observe(succeeded(first), false)).hasValue(TO_URL);
        assertThat(small.observe(succeeded(third), false)).hasValue(TO_URL);
    }

    static JobAccepted accepted(JobId job, @Nullable String url) {
        return accepted(job, url, null);
    }

    static JobAccepted accepted(JobId job, @Nullable String url, @Nullable String client) {
        return new JobAccepted(job, NOW, "mug", Category.KITCHENWARE, Style.STUDIO,
                new GenerationSettings(1, Resolution.R512, null, null), null, Lane.INTERACTIVE, url, null, client);
    }

    private static PromptPrepared prepared(JobId job, String url) {
        return new PromptPrepared(job, NOW, "mug", Category.KITCHENWARE, Style.STUDIO, "a mug", "",
                new ModelSettings(512, 512, 1, null, 4, 7), "local", "preview", Lane.BULK, url, null, List.of(), null,
                null);
    }

    private static GenerationProgressed progressed(JobId job) {
        return new GenerationProgressed(job, NOW, 50, "half");
    }

    static GenerationSucceeded succeeded(JobId job) {
        return new GenerationSucceeded(job, NOW, "local", "preview", 7, List.of(), List.of(), List.of());
    }

    private static GenerationFailed failed(JobId job) {
        return new GenerationFailed(job, NOW, "provider_error", "it broke");
    }

    /** A clock a test moves by hand. */
    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
