package dev.imagepipeline.notifier.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * How many items of a catalog finished per second over the last minute, counted per second of the times the items
 * finished: the events' own times, so that a view rebuilt from the topic at start reports the rate as it was.
 */
final class FinishRate {

    static final Duration WINDOW = Duration.ofMinutes(1);

    // One more slot than the window's seconds, so that its first, partly covered second is still held.
    private static final int SLOTS = (int) WINDOW.toSeconds() + 1;

    private final long[] seconds = new long[SLOTS];
    private final int[] counts = new int[SLOTS];

    FinishRate() {
        Arrays.fill(seconds, Long.MIN_VALUE);
    }

    void finished(Instant at) {
        long second = at.getEpochSecond();
        int slot = (int) Math.floorMod(second, (long) SLOTS);
        if (seconds[slot] < second) {
            seconds[slot] = second;
            counts[slot] = 0;
        }
        // An item that finished in an older second than its slot holds now is outside any window that slot is in.
        if (seconds[slot] == second) {
            counts[slot]++;
        }
    }

    /** Items per second over the last minute, or since {@code start} when that is shorter (at least a second). */
    double perSecond(Instant now, Instant start) {
        Instant from = start.isAfter(now.minus(WINDOW)) ? start : now.minus(WINDOW);
        long first = from.getEpochSecond();
        int finished = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            if (seconds[slot] >= first) {
                finished += counts[slot];
            }
        }
        double span = Math.max(1.0, Duration.between(from, now).toMillis() / 1000.0);
        return finished / span;
    }
}
