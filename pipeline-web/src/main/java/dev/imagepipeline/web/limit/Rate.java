package dev.imagepipeline.web.limit;

import java.time.Duration;

/**
 * A limit of so many requests a minute: a key that has been quiet may make {@code perMinute} at once, and earns one
 * back every {@code 1/perMinute} of a minute (a token bucket as deep as a minute's allowance).
 */
public record Rate(int perMinute) {

    private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

    public Rate {
        if (perMinute < 1) {
            throw new IllegalArgumentException("A rate allows at least 1 request a minute, not " + perMinute);
        }
    }

    /** The time in which one request is earned back. */
    long intervalNanos() {
        return NANOS_PER_MINUTE / perMinute;
    }
}
