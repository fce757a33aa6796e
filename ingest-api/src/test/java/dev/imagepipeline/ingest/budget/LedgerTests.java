package dev.imagepipeline.ingest.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Cost;
import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.web.access.Caller;

class LedgerTests {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final Ledger ledger = new Ledger(new IngestApiSettings(List.of(), List.of(),
            IngestApiSettings.Catalogs.defaults(), Map.of("shop-a", new BigDecimal("1.00"))),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Nested
    class Budgets {

        @Test
        void reservesUpToTheBudgetAndRefusesPastItReservingNothing() {
            ledger.reserve(job("shop-a", NOW), usd("0.60"));
            ledger.reserve(job("shop-a", NOW), usd("0.40"));

            assertThatExceptionOfType(BudgetExceededException.class)
                    .isThrownBy(() -> ledger.reserve(job("shop-a", NOW), usd("0.01")))
                    .withMessage("The job's estimated cost of 0.01 USD would take client 'shop-a' past its budget of "
                            + "1.00 USD for 2026-11: 0 USD spent and 1.00 USD reserved by jobs in flight. It was not "
                            + "queued.");
            assertThat(usage("shop-a")).isEqualTo(new Usage("shop-a", 2, 0, BigDecimal.ZERO, new BigDecimal("1.00"),
                    new BigDecimal("1.00"), new BigDecimal("0.00")));
        }

        @Test
        void neverRefusesAClientWithoutOne() {
            for (int i = 0; i < 10; i++) {
                ledger.reserve(job("shop-b", NOW), usd("5"));
            }

            assertThat(usage("shop-b").reservedUsd()).isEqualByComparingTo("50");
            assertThat(ledger.budgeted("shop-b")).isFalse();
            assertThat(ledger.budgeted(null)).isFalse();
        }

        @Test
        void countsLastMonthsJobsInLastMonth() {
            ledger.reserve(job("shop-a", Instant.parse("2026-10-31T23:59:59Z")), usd("1.00"));

            ledger.reserve(job("shop-a", NOW), usd("1.00"));

            assertThat(usage("shop-a").jobs()).isOne();
        }
    }

    @Nested
    class Events {

        @Test
        void countAJobReservedHereAndReadBackOnce() {
            var job = job("shop-a", NOW);
            ledger.reserve(job, usd("0.30"));

            ledger.accepted(accepted(job, usd("0.30")));

            assertThat(usage("shop-a").jobs()).isOne();
            assertThat(usage("shop-a").reservedUsd()).isEqualByComparingTo("0.30");
        }

        @Test
        void replaceTheEstimateWithTheRecordedCostOrKeepItWhenNoneWasRecorded() {
            var recorded = job("shop-a", NOW);
            var unrecorded = job("shop-a", NOW);
            ledger.accepted(accepted(recorded, usd("0.30")));
            ledger.accepted(accepted(unrecorded, usd("0.20")));

            ledger.succeeded(succeeded(recorded, usd("0.25"), 2));
            ledger.succeeded(succeeded(unrecorded, null, 1));

            assertThat(usage("shop-a")).isEqualTo(new Usage("shop-a", 2, 3, new BigDecimal("0.45"),
                    new BigDecimal("0.00"), new BigDecimal("1.00"), new BigDecimal("0.55")));
        }

        @Test
        void releaseTheReservationOfAJobThatEndedWithoutImagesOnce() {
            var failed = job("shop-a", NOW);
            ledger.accepted(accepted(failed, usd("0.30")));

            ledger.ended(failed.jobId());
            ledger.ended(failed.jobId());
            ledger.succeeded(succeeded(failed, usd("0.30"), 1));

            assertThat(usage("shop-a").reservedUsd()).isEqualByComparingTo("0");
            assertThat(usage("shop-a").spentUsd()).isEqualByComparingTo("0");
        }
    }

    @Test
    void showsEveryClientWhileAccessControlIsOff() {
        ledger.accepted(accepted(job(null, NOW), usd("0.10")));
        ledger.accepted(accepted(job("shop-c", NOW), usd("0.20")));

        var report = ledger.usage(Caller.ANYONE);

        assertThat(report.month()).isEqualTo("2026-11");
        assertThat(report.clients()).extracting(Usage::client).containsExactly(null, "shop-a", "shop-c");
    }

    private Usage usage(String client) {
        return ledger.usage(new Caller(client, true)).clients().getFirst();
    }

    private static Cost usd(String usd) {
        return new Cost(new BigDecimal(usd), "test");
    }

    private static JobSubmitted job(@Nullable String client, Instant at) {
        return new JobSubmitted(JobId.random(), "mug", null, Category.KITCHENWARE, Style.STUDIO, null,
                new GenerationSettings(1, Resolution.R1024, null, null), "replicate", null, null, Lane.INTERACTIVE, at,
                null, client);
    }

    private static JobAccepted accepted(JobSubmitted job, Cost estimate) {
        return new JobAccepted(job.jobId(), job.submittedAt(), job.description(), job.category(), job.style(),
                job.settings(), job.provider(), job.lane(), null, null, job.client(), estimate);
    }

    private static GenerationSucceeded succeeded(JobSubmitted job, @Nullable Cost cost, int images) {
        var image = new GeneratedImage("http://localhost/api/images/a.png", 1024, 1024, "image/png", NOW);
        return new GenerationSucceeded(job.jobId(), NOW, "replicate", "flux-dev", 1, Collections.nCopies(images, image),
                List.of(), List.of(), cost);
    }
}
