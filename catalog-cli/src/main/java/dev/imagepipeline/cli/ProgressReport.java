package dev.imagepipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Shows a catalog's progress: on a terminal, one line redrawn in place with a bar; elsewhere (a pipe, a CI log) a plain
 * line at each tenth of the way and at each change of status. Failed items and reconnects get a line of their own.
 */
final class ProgressReport implements CatalogWatch.Listener {

    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final Set<Long> failedLines = new HashSet<>();
    private @Nullable String bar;
    private int drawnLength;
    private int lastTenth = -1;
    private @Nullable String lastStatus;

    ProgressReport(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void progress(Progress progress) {
        if (terminal) {
            bar = bar(progress) + "  " + summary(progress);
            redraw();
        } else if (progress.percent() / 10 > lastTenth || !progress.status().equals(lastStatus)) {
            out.println("progress: " + summary(progress));
            out.flush();
        }
        lastTenth = progress.percent() / 10;
        lastStatus = progress.status();
    }

    @Override
    public void item(Item item) {
        // A resumed stream may repeat items; each failure is told once.
        if (item.failed() && failedLines.add(item.line())) {
            line("failed: " + item.describe());
        }
    }

    @Override
    public void reconnecting(String why, Duration pause) {
        line("reconnecting in " + seconds(pause) + ": " + why);
    }

    /** Ends the bar's line, so that what follows starts on a line of its own. */
    void close() {
        if (terminal && drawnLength > 0) {
            out.println();
            out.flush();
            drawnLength = 0;
        }
    }

    /** The last line: below the bar, which stays as it was. */
    void end(String text) {
        close();
        out.println(text);
        out.flush();
    }

    /** A line of its own, above the bar when there is one. */
    void line(String text) {
        if (terminal && drawnLength > 0) {
            out.print("\r" + " ".repeat(drawnLength) + "\r");
            drawnLength = 0;
        }
        out.println(text);
        if (terminal) {
            redraw();
        }
        out.flush();
    }

    static String summary(Progress progress) {
        var text = new StringBuilder().append(progress.done())
                .append('/')
                .append(progress.items())
                .append(" (")
                .append(progress.percent())
                .append("%)");
        if (progress.rate() != null) {
            text.append(String.format(Locale.ROOT, ", %.1f/s", progress.rate()));
        }
        if (!progress.finished()) {
            text.append(", ETA ").append(progress.etaSeconds() == null ? "--" : clock(progress.etaSeconds()));
        }
        if (progress.counts().failed() > 0) {
            text.append(", ").append(progress.counts().failed()).append(" failed");
        }
        var compliance = progress.compliance();
        if (compliance != null && compliance.passed() + compliance.failed() > 0) {
            text.append(", ")
                    .append(compliance.passed())
                    .append(" of ")
                    .append(compliance.passed() + compliance.failed())
                    .append(" marketplace-ready");
        }
        var cost = progress.cost();
        if (cost != null && cost.recordedUsd() != null && cost.recordedUsd().signum() > 0) {
            text.append(", ").append(cost.recordedUsd().toPlainString()).append(" USD");
        }
        return text.append(", ").append(progress.status()).toString();
    }

    private void redraw() {
        if (bar == null) {
            return;
        }
        // Pads over whatever a longer line left behind, since not every terminal erases to the line's end.
        out.print("\r" + bar + " ".repeat(Math.max(0, drawnLength - bar.length())));
        out.flush();
        drawnLength = bar.length();
    }

    private static String bar(Progress progress) {
        int filled = progress.items() == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * progress.done() / progress.items());
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    static String clock(long seconds) {
        long hours = seconds / 3600;
        long minutes = seconds / 60 % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", minutes, seconds % 60);
    }

    private static String seconds(Duration pause) {
        return String.format(Locale.ROOT, "%.1f s", pause.toMillis() / 1000.0);
    }
}
