package dev.imagepipeline.generation.lane;

import java.time.Duration;

/**
 * A provider's quota spent evenly: one turn per interval, so a quota of 60 a minute is one call a second rather than 60
 * at the top of each minute. One turn may be borrowed ahead of the pace, and is paid back by the turn after it coming
 * an interval later: over any stretch of time the pace gives at most one turn more than the quota. Times are
 * {@link System#nanoTime()} readings. Not thread-safe: its gate guards it.
 */
final class Pace {

    private final long interval;
    private long next;
    private boolean spent;
    private boolean borrowed;

    Pace(Duration interval) {
        this.interval = interval.toNanos();
    }

    /** One turn per {@code 60 s / perMinute}. */
    static Pace perMinute(int perMinute) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("A quota must allow at least one call a minute, not " + perMinute);
        }
        return new Pace(Duration.ofMinutes(1).dividedBy(perMinute));
    }

    /** How long until the next turn may be given, 0 when it may be given now. */
    long nanosUntilNext(long now) {
        return spent ? Math.max(0, next - now) : 0;
    }

    /**
     * Whether a turn may be borrowed now: none is owed, so the pace stays at most one turn ahead of the quota. A turn
     * given when due pays the debt.
     */
    boolean mayBorrow(long now) {
        return spent && !borrowed && next > now;
    }

    /** Gives a turn ahead of the pace; the turn that was next comes one interval later. */
    void borrow() {
        next += interval;
        borrowed = true;
    }

    /**
     * Gives a turn now; the next comes one interval later. Counting from the turn rather than from the schedule means
     * unused turns never pile up into a burst after a quiet spell.
     */
    void spend(long now) {
        next = now + interval;
        spent = true;
        borrowed = false;
    }
}
