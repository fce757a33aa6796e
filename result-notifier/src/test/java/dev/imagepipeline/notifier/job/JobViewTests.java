package dev.imagepipeline.notifier.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.notifier.ResultNotifierSettings;
import dev.imagepipeline.web.access.Caller;
import dev.imagepipeline.web.job.JobStatus;

class JobViewTests {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private final JobId job = JobId.random();
    private final JobView view = view(100, Duration.ofHours(1), T0.plusSeconds(10));

    @Test
    void foldsTheEventsIntoTheJobsResult() {
        view.apply(0, accepted(job, T0));
        view.apply(1, progressed(job, 50));
        view.apply(2, succeeded(job));

        var result = view.find(job).orElseThrow();
        assertThat(result.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(result.images()).extracting(GeneratedImage::url).containsExactly("http://x/a.png");
        assertThat(result.processingTime()).isEqualTo(2500);
        assertThat(result.description()).isEqualTo("mug");
        assertThat(result.seed()).isEqualTo(7);
        assertThat(result.progress()).isEqualTo(100);
    }

    @Nested
    class NeverMovesAJobBackwards {

        @Test
        void ignoringARedeliveredRecord() {
            view.apply(0, accepted(job, T0));
            view.apply(1, progressed(job, 50));
            view.apply(1, progressed(job, 50));

            assertThat(replay()).extracting(JobEntry::offset).containsExactly(0L, 1L);
        }

        @Test
        void ignoringTheSameEventPublishedTwice() {
            view.apply(0, accepted(job, T0));
            view.apply(5, accepted(job, T0));

            assertThat(replay()).extracting(JobEntry::offset).containsExactly(0L);
        }

        @Test
        void ignoringWhatComesAfterTheTerminalEvent() {
            view.apply(0, accepted(job, T0));
            view.apply(1, succeeded(job));
            view.apply(2, progressed(job, 10));
            view.apply(3, new GenerationFailed(job, T0.plusSeconds(5), "provider_error", "late"));

            assertThat(view.find(job).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
            assertThat(replay()).extracting(JobEntry::offset).containsExactly(0L, 1L);
        }

        @Test
        void keepingProcessingWhenAnEarlierStepArrivesLate() {
            view.apply(1, progressed(job, 30));
            view.apply(2, accepted(job, T0));

            assertThat(view.find(job).orElseThrow().status()).isEqualTo(JobStatus.PROCESSING);
        }
    }

    @Test
    void refusesAnEventItCouldNotPlaceAndStaysUsable() {
        assertThatIllegalArgumentException().isThrownBy(() -> view.apply(0, progressedAt(job, null)));
        view.apply(1, accepted(job, T0));

        assertThat(view.find(job)).isPresent();
    }

    @Test
    void keepsTheFirstOfARepeatedOnceOnlyStep() {
        view.apply(0, accepted(job, T0));
        view.apply(1, accepted(job, T0.plusSeconds(9)));

        assertThat(replay()).extracting(JobEntry::offset).containsExactly(0L);
    }

    @Test
    void takesTheSubmissionTimeAndProviderWhenAcceptanceArrivesAfterThePrompt() {
        view.apply(0, new GenerationProgressed(job, T0.plusSeconds(1), 10, "working"));
        view.apply(1, accepted(job, T0));
        view.apply(2, succeeded(job));

        assertThat(view.find(job).orElseThrow().processingTime()).isEqualTo(2500);
    }

    @Nested
    class ShowsAJobToItsOwner {

        private final Caller shopA = new Caller("shop-a", true);
        private final Caller shopB = new Caller("shop-b", true);

        @Test
        void andToNoOtherClient() {
            view.apply(0, accepted(job, T0, "shop-a"));

            assertThat(view.visibleTo(job, shopA)).isTrue();
            assertThat(view.visibleTo(job, shopB)).isFalse();
            assertThat(view.visibleTo(job, Caller.ANYONE)).as("access control off").isTrue();
            assertThat(view.visibleTo(JobId.random(), Caller.ANYONE)).as("unknown").isFalse();
        }

        @Test
        void andAJobNoClientOwnsToNoClientAtAll() {
            view.apply(0, accepted(job, T0));

            assertThat(view.visibleTo(job, shopA)).isFalse();
            assertThat(view.visibleTo(job, Caller.ANYONE)).isTrue();
        }

        @Test
        void streamingEveryEventOfItsOwnJobsOnly() {
            var other = JobId.random();
            var heard = new ArrayList<JobEntry>();

            try (var watching = view.watch(shopA, null, heard::add)) {
                view.apply(0, accepted(job, T0, "shop-a"));
                view.apply(1, accepted(other, T0, "shop-b"));
                view.apply(2, progressed(other, 10));
                view.apply(3, succeeded(job));
            }
            view.apply(4, accepted(JobId.random(), T0, "shop-a"));

            assertThat(heard).extracting(JobEntry::offset).containsExactly(0L, 3L);
        }

        @Test
        void streamingOneCatalogsJobs() {
            var catalog = CatalogId.forKey("spring");
            var item = catalog.job("MUG-1");
            var heard = new ArrayList<JobEntry>();

            try (var watching = view.watch(Caller.ANYONE, catalog, heard::add)) {
                view.apply(0, accepted(job, T0, "shop-a"));
                view.apply(1,
                        new JobAccepted(item, T0, "mug", Category.KITCHENWARE, Style.STUDIO,
                                new GenerationSettings(1, Resolution.R512, 7.5, null), null, Lane.BULK, null,
                                new CatalogItem(catalog, "MUG-1", 1), "shop-a"));
                view.apply(2, succeeded(item));
                view.apply(3, succeeded(job));
            }

            assertThat(heard).extracting(JobEntry::offset).containsExactly(1L, 2L);
        }
    }

    @Test
    void replaysWhatASubscriberMissedThenDeliversLiveEvents() {
        view.apply(0, accepted(job, T0));
        view.apply(1, progressed(job, 10));
        var heard = new ArrayList<JobEntry>();

        try (var subscription = view.subscribe(job, 0, heard::add)) {
            view.apply(2, succeeded(job));
        }
        view.apply(3, progressed(JobId.random(), 1));

        assertThat(heard).extracting(JobEntry::offset).containsExactly(1L, 2L);
    }

    @Test
    void evictsTheLeastRecentlyUpdatedJobBeyondItsCapacity() {
        var small = view(2, Duration.ofHours(1), T0);
        var first = JobId.random();
        var second = JobId.random();
        var third = JobId.random();
        small.apply(0, accepted(first, T0));
        small.apply(0, accepted(second, T0));
        small.apply(1, progressed(first, 10));
        small.apply(0, accepted(third, T0));

        assertThat(small.find(second)).isEmpty();
        assertThat(small.find(first)).isPresent();
        assertThat(small.find(third)).isPresent();
    }

    @Test
    void evictsJobsOlderThanTheRetention() {
        var view = view(100, Duration.ofMinutes(30), T0.plus(Duration.ofHours(1)));
        var old = JobId.random();
        view.apply(0, accepted(old, T0));
        view.apply(0, accepted(job, T0.plus(Duration.ofMinutes(50))));

        assertThat(view.find(old)).isEmpty();
        assertThat(view.find(job)).isPresent();
    }

    private List<JobEntry> replay() {
        var heard = new ArrayList<JobEntry>();
        view.subscribe(job, -1, heard::add).close();
        return heard;
    }

    private static JobView view(int maxJobs, Duration retention, Instant now) {
        return new JobView(new ResultNotifierSettings(maxJobs, retention, Duration.ofMillis(10), Duration.ofMinutes(1),
                Duration.ofSeconds(15)), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static JobAccepted accepted(JobId job, Instant at) {
        return accepted(job, at, null);
    }

    private static JobAccepted accepted(JobId job, Instant at, @Nullable String client) {
        return new JobAccepted(job, at, "mug", Category.KITCHENWARE, Style.STUDIO,
                new GenerationSettings(1, Resolution.R512, 7.5, null), null, Lane.INTERACTIVE, null, null, client);
    }

    private static GenerationProgressed progressedAt(JobId job, Instant at) {
        return new GenerationProgressed(job, at, 1, "working");
    }

    private static GenerationProgressed progressed(JobId job, int percent) {
        return new GenerationProgressed(job, T0.plusSeconds(1), percent, "working");
    }

    private static GenerationSucceeded succeeded(JobId job) {
        return new GenerationSucceeded(job, T0.plusMillis(2500), "local", "preview", 7,
                List.of(new GeneratedImage("http://x/a.png", 512, 512, "image/png", T0.plusSeconds(3600))), List.of(),
                List.of());
    }
}
