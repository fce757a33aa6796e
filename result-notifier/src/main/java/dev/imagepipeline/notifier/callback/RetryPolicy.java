package dev.imagepipeline.notifier.callback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * When a callback is tried again: after an exponential back-off from {@code firstRetry}, doubling up to
 * {@code maxInterval}, and never sooner than the receiver's {@code Retry-After}; not at all when the next attempt would
 * start after the delivery's deadline.
 */
final class RetryPolicy {

    private final Duration firstRetry;
    private final Duration maxInterval;
    private final Clock clock;

    RetryPolicy(Duration firstRetry, Duration maxInterval, Clock clock) {
        this.firstRetry = firstRetry;
        this.maxInterval = maxInterval;
        this.clock = clock;
    }

    /**
     * The pause before the next attempt, or empty when there is none.
     *
     * @param attempt the attempt that just failed, from 1
     * @param retryAfter the receiver's {@code Retry-After}: seconds, or an HTTP date
     */
    Optional<Duration> pauseAfter(int attempt, @Nullable String retryAfter, Instant deadline) {
        Instant now = clock.instant();
        Duration pause = backOff(attempt);
        @Nullable
        Duration asked = retryAfter == null ? null : parseRetryAfter(retryAfter, now);
        if (asked != null && asked.compareTo(pause) > 0) {
            pause = asked;
        }
        return now.plus(pause).isAfter(deadline) ? Optional.empty() : Optional.of(pause);
    }

    private Duration backOff(int attempt) {
        // Doubling past 2^20 of any sensible first retry is far beyond any cap; stop before the long overflows.
        Duration pause = firstRetry.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
        return pause.compareTo(maxInterval) > 0 ? maxInterval : pause;
    }

    /** Delta-seconds or an HTTP date (RFC 9110); null for anything else, which is then ignored. */
    static @Nullable Duration parseRetryAfter(String value, Instant now) {
        String text = value.strip();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
