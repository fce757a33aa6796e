package dev.imagepipeline.notifier.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RetryPolicyTests {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");
    private static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void doublesThePauseUpToTheLongestInterval() {
        assertThat(policy.pauseAfter(1, null, IN_AN_HOUR)).hasValue(Duration.ofSeconds(5));
        assertThat(policy.pauseAfter(2, null, IN_AN_HOUR)).hasValue(Duration.ofSeconds(10));
        assertThat(policy.pauseAfter(4, null, IN_AN_HOUR)).hasValue(Duration.ofSeconds(40));
        assertThat(policy.pauseAfter(8, null, IN_AN_HOUR)).hasValue(Duration.ofMinutes(10));
        assertThat(policy.pauseAfter(500, null, IN_AN_HOUR)).hasValue(Duration.ofMinutes(10));
    }

    @Test
    void waitsAsLongAsRetryAfterSaysInSeconds() {
        assertThat(policy.pauseAfter(1, "120", IN_AN_HOUR)).hasValue(Duration.ofSeconds(120));
    }

    @Test
    void waitsUntilTheDateRetryAfterNames() {
        assertThat(policy.pauseAfter(1, "Fri, 27 Nov 2026 10:17:00 GMT", IN_AN_HOUR)).hasValue(Duration.ofSeconds(90));
    }

    @Test
    void neverRetriesSoonerThanItsOwnBackOff() {
        assertThat(policy.pauseAfter(3, "1", IN_AN_HOUR)).hasValue(Duration.ofSeconds(20));
        assertThat(policy.pauseAfter(1, "Fri, 27 Nov 2026 10:00:00 GMT", IN_AN_HOUR)).hasValue(Duration.ofSeconds(5));
    }

    @Test
    void ignoresARetryAfterItCannotRead() {
        assertThat(policy.pauseAfter(1, "soon", IN_AN_HOUR)).hasValue(Duration.ofSeconds(5));
        assertThat(policy.pauseAfter(1, "-3", IN_AN_HOUR)).hasValue(Duration.ofSeconds(5));
    }

    @Test
    void givesUpWhenTheNextAttemptWouldStartAfterTheDeadline() {
        assertThat(policy.pauseAfter(1, null, NOW.plusSeconds(4))).isEmpty();
        assertThat(policy.pauseAfter(1, "7200", IN_AN_HOUR)).isEmpty();
        assertThat(policy.pauseAfter(1, null, NOW.plusSeconds(5))).hasValue(Duration.ofSeconds(5));
    }
}
