package dev.imagepipeline.generation.provider.stability;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/** Reads a {@code Retry-After} header: a number of seconds or an HTTP date. */
final class RetryAfter {

    private RetryAfter() {
    }

    /** @return absent when the header is missing or unreadable; never negative */
    static @Nullable Duration parse(@Nullable String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return atLeastZero(Duration.ofSeconds(Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            return untilDate(value, clock);
        }
    }

    private static @Nullable Duration untilDate(String value, Clock clock) {
        try {
            var at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return atLeastZero(Duration.between(clock.instant(), at));
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static Duration atLeastZero(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
