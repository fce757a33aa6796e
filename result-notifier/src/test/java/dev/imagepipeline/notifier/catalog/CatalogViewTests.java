package dev.imagepipeline.notifier.catalog;

import static dev.imagepipeline.notifier.catalog.CatalogFixtures.T0;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.accepted;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.acceptedAtCost;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.canceled;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.failed;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.job;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.prepared;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.progressed;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.received;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.settings;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.succeeded;
import static dev.imagepipeline.notifier.catalog.CatalogFixtures.succeededAtCost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogReceived;
import dev.imagepipeline.contracts.CatalogReceived.RejectedLine;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.notifier.catalog.CatalogFixtures.SettableClock;
import dev.imagepipeline.notifier.catalog.CatalogSummary.Counts;
import dev.imagepipeline.web.access.Caller;
import dev.imagepipeline.web.job.JobStatus;

class CatalogViewTests {

    private final CatalogId catalog = CatalogId.random();
    private final SettableClock clock = new SettableClock(T0.plusSeconds(60));
    private final CatalogView view = new CatalogView(settings(100, 1_000_000, Duration.ofHours(6)), clock);

    @Test
    void showsACatalogToTheClientItsReceiptOrItsJobsNameAndToNoOther() {
        var shopA = new Caller("shop-a", true);
        var byReceipt = CatalogId.random();
        view.received(new CatalogReceived(byReceipt, T0, 1, 1, 0, List.of(), null, "shop-a"));
        var accepted = accepted(catalog, 1, T0);
        view.apply(new JobAccepted(accepted.jobId(), T0, "mug", accepted.category(), accepted.style(),
                accepted.settings(), null, accepted.lane(), null, accepted.catalog(), "shop-a"));

        for (var id : List.of(byReceipt, catalog)) {
            assertThat(view.visibleTo(id, shopA)).isTrue();
            assertThat(view.visibleTo(id, new Caller("shop-b", true))).isFalse();
            assertThat(view.visibleTo(id, Caller.ANYONE)).isTrue();
        }
        assertThat(view.visibleTo(CatalogId.random(), Caller.ANYONE)).isFalse();
    }

    @Test
    void foldsItsItemsEventsAndReceiptIntoTheCatalog() {
        view.apply(accepted(catalog, 1, T0));
        view.apply(accepted(catalog, 2, T0));
        view.apply(accepted(catalog, 3, T0));
        view.apply(accepted(catalog, 4, T0));
        view.received(received(catalog, 5, T0.plusSeconds(1), new RejectedLine(6, null, "sku must not be blank")));
        view.apply(progressed(catalog, 2, T0.plusSeconds(2)));
        view.apply(succeeded(catalog, 3, T0.plusSeconds(3)));
        view.apply(failed(catalog, 4, T0.plusSeconds(4)));

        var summary = summary();
        assertThat(summary.status()).isEqualTo(CatalogStatus.RUNNING);
        assertThat(summary.items()).isEqualTo(5);
        assertThat(summary.counts()).as("the item not seen yet is queued").isEqualTo(new Counts(2, 1, 1, 1, 0));
        assertThat(summary.finished()).isEqualTo(2);
        assertThat(summary.progress()).isEqualTo(0.4);
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.rejections()).containsExactly(new RejectedLine(6, null, "sku must not be blank"));
        assertThat(summary.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.sku()).isEqualTo("SKU-4");
            assertThat(failure.jobId()).isEqualTo(job(catalog, 4).toString());
            assertThat(failure.reason()).isEqualTo("provider_error");
        });
        assertThat(summary.failureCount()).isEqualTo(1);
        assertThat(summary.createdAt()).isEqualTo(T0);
        assertThat(summary.updatedAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(view.items(catalog).orElseThrow())
                .extracting(Item::sku, Item::status, Item::images, Item::errorReason)
                .containsExactly(tuple("SKU-1", JobStatus.QUEUED, List.of(), null),
                        tuple("SKU-2", JobStatus.PROCESSING, List.of(), null),
                        tuple("SKU-3", JobStatus.COMPLETED, List.of("http://x/3-a.png", "http://x/3-b.png"), null),
                        tuple("SKU-4", JobStatus.FAILED, List.of(), "provider_error"));
    }

    @Test
    void sumsItsItemsCostsAndCountsTheirComplianceVerdicts() {
        view.apply(acceptedAtCost(catalog, 1, T0, "0.003"));
        view.apply(acceptedAtCost(catalog, 2, T0, "0.003"));
        view.apply(acceptedAtCost(catalog, 3, T0, "0.003"));
        view.apply(accepted(catalog, 4, T0));
        view.apply(succeededAtCost(catalog, 1, T0.plusSeconds(1), "0.003", true));
        view.apply(succeededAtCost(catalog, 2, T0.plusSeconds(2), "0.0031", false));
        view.apply(succeededAtCost(catalog, 2, T0.plusSeconds(3), "0.0031", false));
        view.apply(succeeded(catalog, 4, T0.plusSeconds(4)));

        var summary = summary();
        assertThat(summary.cost().estimatedUsd()).as("every accepted item with an estimate")
                .isEqualByComparingTo("0.009");
        assertThat(summary.cost().recordedUsd()).as("the completed items at known prices, each once")
                .isEqualByComparingTo("0.0061");
        assertThat(summary.compliance()).as("the item without a marketplace is in neither count")
                .isEqualTo(new CatalogSummary.Compliance(1, 1));
        assertThat(view.items(catalog).orElseThrow()).extracting(Item::sku, Item::cost, Item::compliant)
                .containsExactly(tuple("SKU-1", new BigDecimal("0.003"), true),
                        tuple("SKU-2", new BigDecimal("0.0031"), false), tuple("SKU-3", null, null),
                        tuple("SKU-4", null, null));
    }

    @Test
    void ignoresJobsThatAreNoCatalogsItems() {
        var single = JobId.random();
        view.apply(new GenerationProgressed(single, T0, 10, "working"));

        assertThat(view.find(catalog)).isEmpty();
        assertThat(view.items(catalog)).isEmpty();
    }

    @Test
    void refusesWhatItCouldNotPlaceAndStaysUsable() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> view.apply(new GenerationProgressed(job(catalog, 1), null, 1, "working")));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> view.received(new CatalogReceived(catalog, null, 1, 1, 0, List.of(), null, null)));
        view.apply(accepted(catalog, 1, T0));

        assertThat(summary().items()).isEqualTo(1);
    }

    @Nested
    class FoldsEventsInAnyOrder {

        private final List<JobEvent> events = new ArrayList<>();

        @Test
        void endingTheSameWhicheverOrderTheItemsAndTheReceiptArriveIn() {
            for (long line = 1; line <= 20; line++) {
                events.add(accepted(catalog, line, T0));
                events.add(line % 5 == 0
                        ? failed(catalog, line, T0.plusSeconds(line))
                        : succeeded(catalog, line, T0.plusSeconds(line)));
            }
            // Each job's own events keep their order, as they share a partition; the jobs and the receipt interleave.
            var shuffled = interleave(new Random(7));
            int receiptAt = 13;

            for (int i = 0; i < shuffled.size(); i++) {
                if (i == receiptAt) {
                    view.received(received(catalog, 20, T0.plusSeconds(30)));
                }
                view.apply(shuffled.get(i));
            }

            var summary = summary();
            assertThat(summary.status()).isEqualTo(CatalogStatus.COMPLETED);
            assertThat(summary.counts()).isEqualTo(new Counts(0, 0, 16, 4, 0));
            assertThat(summary.progress()).isEqualTo(1.0);
            assertThat(summary.etaSeconds()).isZero();
            assertThat(view.items(catalog).orElseThrow()).extracting(Item::line)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        }

        @Test
        void receivingUntilTheReceiptEvenWhenEveryItemSeenHasEnded() {
            view.apply(accepted(catalog, 1, T0));
            view.apply(succeeded(catalog, 1, T0.plusSeconds(1)));

            assertThat(summary().status()).isEqualTo(CatalogStatus.RECEIVING);
            assertThat(summary().etaSeconds()).as("unknown while the item count is").isNull();

            view.received(received(catalog, 2, T0.plusSeconds(2)));
            assertThat(summary().status()).isEqualTo(CatalogStatus.RUNNING);
            assertThat(summary().counts().queued()).isEqualTo(1);
        }

        @Test
        void takingTheReceiptBeforeAnyItem() {
            view.received(received(catalog, 3, T0));

            assertThat(summary().status()).isEqualTo(CatalogStatus.RUNNING);
            assertThat(summary().counts()).isEqualTo(new Counts(3, 0, 0, 0, 0));
        }

        @Test
        void learningAnItemFromItsPromptWhenItHadNoAcceptance() {
            view.apply(prepared(catalog, 1, T0));
            view.apply(succeeded(catalog, 1, T0.plusSeconds(1)));
            view.received(received(catalog, 1, T0.plusSeconds(2)));

            assertThat(summary().status()).isEqualTo(CatalogStatus.COMPLETED);
        }

        private List<JobEvent> interleave(Random random) {
            // Pairs stay in order: shuffle the slots, then fill each job's slots with its events in order.
            var slots = new ArrayList<Integer>();
            for (int i = 0; i < events.size() / 2; i++) {
                slots.add(i);
                slots.add(i);
            }
            Collections.shuffle(slots, random);
            var next = new int[events.size() / 2];
            return slots.stream().map(pair -> events.get(pair * 2 + next[pair]++)).toList();
        }
    }

    @Nested
    class NeverMovesAnItemBackwards {

        @Test
        void ignoringTheSameEventTwice() {
            view.apply(accepted(catalog, 1, T0));
            view.apply(accepted(catalog, 1, T0.plusSeconds(1)));
            view.apply(failed(catalog, 1, T0.plusSeconds(2)));
            view.apply(failed(catalog, 1, T0.plusSeconds(2)));

            assertThat(summary().items()).isEqualTo(1);
            assertThat(summary().counts()).isEqualTo(new Counts(0, 0, 0, 1, 0));
            assertThat(summary().failureCount()).isEqualTo(1);
        }

        @Test
        void ignoringWhatComesAfterAnItemsEnd() {
            view.apply(accepted(catalog, 1, T0));
            view.apply(succeeded(catalog, 1, T0.plusSeconds(1)));
            view.apply(progressed(catalog, 1, T0.plusSeconds(2)));
            view.apply(failed(catalog, 1, T0.plusSeconds(3)));
            view.apply(canceled(catalog, 1, T0.plusSeconds(4)));

            assertThat(summary().counts()).isEqualTo(new Counts(0, 0, 1, 0, 0));
            assertThat(view.items(catalog).orElseThrow()).singleElement()
                    .satisfies(item -> assertThat(item.images()).hasSize(2));
        }

        @Test
        void keepingProcessingWhenAnEarlierStepArrivesLate() {
            view.apply(accepted(catalog, 1, T0));
            view.apply(progressed(catalog, 1, T0.plusSeconds(2)));
            view.apply(prepared(catalog, 1, T0.plusSeconds(1)));

            assertThat(summary().counts().processing()).isEqualTo(1);
        }
    }

    @Nested
    class AnUploadSentAgain {

        @Test
        void takesTheLatestReceipt() {
            view.apply(accepted(catalog, 1, T0));
            view.received(received(catalog, 1, T0.plusSeconds(1), new RejectedLine(2, "SKU-2", "bad style")));
            var again = new CatalogReceived(catalog, T0.plusSeconds(9), 1, 0, 0, List.of(), "key-1", null);
            view.received(again);
            view.received(received(catalog, 1, T0.plusSeconds(1), new RejectedLine(2, "SKU-2", "bad style")));

            assertThat(summary().rejected()).isZero();
            assertThat(summary().rejections()).isEmpty();
            assertThat(summary().items()).isEqualTo(1);
        }

        @Test
        void runsAgainWhenItBringsMoreItems() {
            view.apply(accepted(catalog, 1, T0));
            view.apply(succeeded(catalog, 1, T0.plusSeconds(1)));
            view.received(received(catalog, 1, T0.plusSeconds(2)));
            assertThat(summary().status()).isEqualTo(CatalogStatus.COMPLETED);

            view.apply(accepted(catalog, 2, T0.plusSeconds(3)));
            view.received(received(catalog, 2, T0.plusSeconds(4)));

            assertThat(summary().status()).isEqualTo(CatalogStatus.RUNNING);
            assertThat(summary().items()).isEqualTo(2);
        }

        @Test
        void keepsTheJobsOfAnEarlierUploadThatHadMoreItems() {
            view.apply(accepted(catalog, 1, T0));
            view.apply(accepted(catalog, 2, T0));
            view.received(received(catalog, 2, T0.plusSeconds(1)));
            view.received(new CatalogReceived(catalog, T0.plusSeconds(2), 1, 0, 0, List.of(), "key-1", null));

            assertThat(summary().items()).isEqualTo(2);
            assertThat(summary().counts().queued()).isEqualTo(2);
        }
    }

    @Nested
    class Canceling {

        @Test
        void endsCanceledOnceEveryItemEnded() {
            view.apply(accepted(catalog, 1, T0));
            view.apply(accepted(catalog, 2, T0));
            view.received(received(catalog, 2, T0.plusSeconds(1)));
            view.cancelRequested(catalog, T0.plusSeconds(2));
            view.apply(succeeded(catalog, 1, T0.plusSeconds(3)));

            assertThat(summary().status()).as("an item still runs").isEqualTo(CatalogStatus.RUNNING);
            assertThat(summary().cancelRequested()).isTrue();

            view.apply(canceled(catalog, 2, T0.plusSeconds(4)));
            assertThat(summary().status()).isEqualTo(CatalogStatus.CANCELED);
            assertThat(summary().counts()).isEqualTo(new Counts(0, 0, 1, 0, 1));
        }

        @Test
        void holdsACancelThatArrivesBeforeTheCatalogsItems() {
            view.cancelRequested(catalog, T0);
            view.apply(accepted(catalog, 1, T0));
            view.apply(canceled(catalog, 1, T0.plusSeconds(1)));
            view.received(received(catalog, 1, T0.plusSeconds(2)));

            assertThat(summary().status()).isEqualTo(CatalogStatus.CANCELED);
        }

        @Test
        void changesNothingOnceTheCatalogCompleted() {
            view.apply(accepted(catalog, 1, T0));
            view.apply(succeeded(catalog, 1, T0.plusSeconds(1)));
            view.received(received(catalog, 1, T0.plusSeconds(2)));
            view.cancelRequested(catalog, T0.plusSeconds(3));

            assertThat(summary().status()).isEqualTo(CatalogStatus.COMPLETED);
            assertThat(summary().cancelRequested()).isFalse();
        }
    }

    @Nested
    class StaysBounded {

        @Test
        void evictingTheLeastRecentlyUpdatedCatalogBeyondItsCount() {
            var small = new CatalogView(settings(2, 1_000, Duration.ofHours(1)), clock);
            var first = CatalogId.random();
            var second = CatalogId.random();
            var third = CatalogId.random();
            small.apply(accepted(first, 1, T0));
            small.apply(accepted(second, 1, T0));
            small.apply(progressed(first, 1, T0.plusSeconds(1)));
            small.apply(accepted(third, 1, T0));

            assertThat(small.find(second)).isEmpty();
            assertThat(small.find(first)).isPresent();
            assertThat(small.find(third)).isPresent();

            small.apply(succeeded(second, 1, T0.plusSeconds(2)));
            assertThat(small.find(second)).as("a later event of an evicted catalog's job").isEmpty();
        }

        @Test
        void evictingTheLeastRecentlyUpdatedCatalogBeyondItsItems() {
            var small = new CatalogView(settings(100, 3, Duration.ofHours(1)), clock);
            var first = CatalogId.random();
            var second = CatalogId.random();
            small.apply(accepted(first, 1, T0));
            small.apply(accepted(first, 2, T0));
            small.apply(accepted(second, 1, T0));
            small.apply(accepted(second, 2, T0));

            assertThat(small.find(first)).isEmpty();
            assertThat(small.find(second).orElseThrow().items()).isEqualTo(2);
        }

        @Test
        void holdingNoMoreItemsOfOneCatalogThanItsLimit() {
            var small = new CatalogView(settings(100, 3, Duration.ofHours(1)), clock);
            for (long line = 1; line <= 5; line++) {
                small.apply(accepted(catalog, line, T0));
            }

            assertThat(small.items(catalog).orElseThrow()).hasSize(3);
        }

        @Test
        void evictingCatalogsOlderThanTheRetention() {
            var small = new CatalogView(settings(100, 1_000, Duration.ofMinutes(30)), clock);
            clock.set(T0.plus(Duration.ofHours(1)));
            var old = CatalogId.random();
            small.apply(accepted(old, 1, T0));
            small.apply(accepted(catalog, 1, T0.plus(Duration.ofMinutes(50))));

            assertThat(small.find(old)).isEmpty();
            assertThat(small.find(catalog)).isPresent();
        }
    }

    @Nested
    class Rate {

        @Test
        void countsFinishedItemsPerSecondSinceTheStartWhenThatIsShorterThanAMinute() {
            view.received(received(catalog, 100, T0));
            finishOnePerSecond(10, 39);
            clock.set(T0.plusSeconds(40));

            var summary = summary();
            assertThat(summary.rate()).isEqualTo(0.75);
            assertThat(summary.etaSeconds()).isEqualTo(94);
        }

        @Test
        void countsFinishedItemsPerSecondOverTheLastMinute() {
            view.received(received(catalog, 200, T0));
            finishOnePerSecond(0, 59);
            finishOnePerSecond(60, 89, 2);
            clock.set(T0.plusSeconds(90));

            var summary = summary();
            assertThat(summary.rate()).as("30 in the minute's first half, 60 in its second").isEqualTo(1.5);
            assertThat(summary.etaSeconds()).as("(200 - 120) / 1.5").isEqualTo(54);
        }

        @Test
        void hasNoEtaWhileNothingFinishes() {
            view.received(received(catalog, 100, T0));
            finishOnePerSecond(0, 9);
            clock.set(T0.plusSeconds(200));

            assertThat(summary().rate()).isZero();
            assertThat(summary().etaSeconds()).isNull();
        }

        private long line = 1;

        private void finishOnePerSecond(int fromSecond, int toSecond) {
            finishOnePerSecond(fromSecond, toSecond, 1);
        }

        private void finishOnePerSecond(int fromSecond, int toSecond, int perSecond) {
            for (int second = fromSecond; second <= toSecond; second++) {
                for (int i = 0; i < perSecond; i++, line++) {
                    view.apply(accepted(catalog, line, T0));
                    view.apply(succeeded(catalog, line, T0.plusSeconds(second).plusMillis(300)));
                }
            }
        }
    }

    @Test
    void listsTheFirstHundredFailuresByLineAndCountsThemAll() {
        for (long line = 150; line >= 1; line--) {
            view.apply(accepted(catalog, line, T0));
            view.apply(failed(catalog, line, T0.plusSeconds(1)));
        }

        assertThat(summary().failures()).hasSize(100)
                .extracting(CatalogSummary.Failure::sku)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(line -> "SKU-" + line).toList());
        assertThat(summary().failureCount()).isEqualTo(150);
    }

    @Test
    void aSnapshotOfTheItemsDoesNotChangeWithTheCatalog() {
        view.apply(accepted(catalog, 2, T0));
        view.apply(accepted(catalog, 1, T0));
        var snapshot = view.items(catalog).orElseThrow();

        view.apply(succeeded(catalog, 1, T0.plusSeconds(1)));

        assertThat(snapshot).extracting(Item::line, Item::status)
                .containsExactly(tuple(1L, JobStatus.QUEUED), tuple(2L, JobStatus.QUEUED));
    }

    @Test
    void tellsSubscribersOfEndedItemsChangesAndTheCatalogsEnd() {
        view.apply(accepted(catalog, 1, T0));
        view.received(received(catalog, 1, T0));
        var heard = new ArrayList<String>();

        try (var subscription = view.subscribe(catalog, new CatalogView.Subscriber() {

            @Override
            public void changed() {
                heard.add("changed");
            }

            @Override
            public void itemFinished(Item item) {
                heard.add(item.sku() + " " + item.status().wire());
            }

            @Override
            public void ended() {
                heard.add("ended");
            }
        })) {
            view.apply(progressed(catalog, 1, T0.plusSeconds(1)));
            view.apply(progressed(catalog, 1, T0.plusSeconds(2)));
            view.apply(succeeded(catalog, 1, T0.plusSeconds(3)));
        }
        view.apply(accepted(catalog, 2, T0));

        assertThat(heard).containsExactly("changed", "changed", "SKU-1 completed", "changed", "ended");
    }

    @Test
    void waitsBrieflyForACatalogItHasNotSeenYet() throws Exception {
        var patient = new CatalogView(settings(100, 1_000, Duration.ofHours(1), Duration.ofSeconds(30)), clock);
        var asked = CompletableFuture.supplyAsync(() -> patient.awaitKnown(catalog));
        patient.apply(accepted(catalog, 1, T0));

        assertThat(asked.get(30, TimeUnit.SECONDS)).isPresent();
        assertThat(view.awaitKnown(CatalogId.random())).as("after the grace period").isEmpty();
    }

    private CatalogSummary summary() {
        return view.find(catalog).orElseThrow();
    }
}
