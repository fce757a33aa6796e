package dev.imagepipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProgressReportTests {

    private final StringWriter written = new StringWriter();

    @Nested
    class OnATerminal {

        private final ProgressReport report = new ProgressReport(new PrintWriter(written), true);

        @Test
        void redrawsOneLineWithABar() {
            report.progress(progress("running", 100, 25, 0, 2.5, 30L));
            report.progress(progress("running", 100, 50, 1, 2.5, 20L));
            report.close();

            assertThat(written.toString())
                    .isEqualTo("\r[#######-----------------------]  25/100 (25%), 2.5/s, ETA 0:30, running"
                            + "\r[###############---------------]  51/100 (51%), 2.5/s, ETA 0:20, 1 failed, running"
                            + System.lineSeparator());
        }

        @Test
        void printsAFailedItemAboveTheBar() {
            report.progress(progress("running", 4, 1, 0, null, null));
            report.item(new Item("MUG-0012", null, 3, "failed", null));

            String bar = "[#######-----------------------]  1/4 (25%), ETA --, running";
            assertThat(written.toString()).isEqualTo("\r" + bar + "\r" + " ".repeat(bar.length()) + "\r"
                    + "failed: line 3 (MUG-0012) failed" + System.lineSeparator() + "\r" + bar);
        }
    }

    @Nested
    class InALog {

        private final ProgressReport report = new ProgressReport(new PrintWriter(written), false);

        @Test
        void writesALineAtEachTenthAndEachChangeOfStatus() {
            report.progress(progress("receiving", 100, 0, 0, null, null));
            report.progress(progress("running", 100, 1, 0, 0.5, 198L));
            report.progress(progress("running", 100, 9, 0, 0.5, 182L));
            report.progress(progress("running", 100, 10, 0, 0.5, 180L));
            report.progress(progress("running", 100, 35, 0, 0.5, 130L));
            report.progress(progress("completed", 100, 100, 0, 0.5, 0L));

            assertThat(written.toString().lines()).containsExactly("progress: 0/100 (0%), ETA --, receiving",
                    "progress: 1/100 (1%), 0.5/s, ETA 3:18, running",
                    "progress: 10/100 (10%), 0.5/s, ETA 3:00, running",
                    "progress: 35/100 (35%), 0.5/s, ETA 2:10, running", "progress: 100/100 (100%), 0.5/s, completed");
        }

        @Test
        void tellsEachFailedItemOnceAndEachReconnect() {
            var failed = new Item("KETTLE-7", "8035651e-bb72-3203-a6c0-a56580a0c081", 4, "failed", null);
            report.item(failed);
            report.item(new Item("DRIP-0042", null, 2, "completed", null));
            report.reconnecting("the event stream ended before the catalog did", Duration.ofMillis(1500));
            report.item(failed);

            assertThat(written.toString().lines()).containsExactly("failed: line 4 (KETTLE-7) failed",
                    "reconnecting in 1.5 s: the event stream ended before the catalog did");
        }
    }

    @Test
    void saysWhatTheItemsCostAndHowManyAreMarketplaceReady() {
        var done = new Progress("completed", 3, new Progress.Counts(0, 0, 3, 0, 0), 1.5, 0L,
                new Progress.Cost(new BigDecimal("0.009"), new BigDecimal("0.009")), new Progress.Compliance(2, 1));

        assertThat(ProgressReport.summary(done))
                .isEqualTo("3/3 (100%), 1.5/s, 2 of 3 marketplace-ready, 0.009 USD, completed");
    }

    @Test
    void writesLongEtasWithHours() {
        assertThat(ProgressReport.clock(3 * 3600 + 4 * 60 + 5)).isEqualTo("3:04:05");
    }

    private static Progress progress(String status, int items, int completed, int failed, Double rate, Long eta) {
        return new Progress(status, items, new Progress.Counts(items - completed - failed, 0, completed, failed, 0),
                rate, eta);
    }
}
