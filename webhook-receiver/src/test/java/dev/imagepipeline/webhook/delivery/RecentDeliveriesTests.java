package dev.imagepipeline.webhook.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RecentDeliveriesTests {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    private final MovableClock clock = new MovableClock();

    @Test
    void claimsADeliveryOnceWithinTheWindow() {
        var deliveries = new RecentDeliveries(3, WINDOW, clock);

        assertThat(deliveries.claim("msg_1")).isTrue();
        clock.now = clock.now.plus(WINDOW);

        assertThat(deliveries.claim("msg_1")).isFalse();
        assertThat(deliveries.claim("msg_2")).isTrue();
    }

    @Test
    void forgetsAClaimOnceTheWindowHasPassed() {
        var deliveries = new RecentDeliveries(3, WINDOW, clock);
        deliveries.claim("msg_1");

        clock.now = clock.now.plus(WINDOW).plusSeconds(1);

        assertThat(deliveries.claim("msg_1")).isTrue();
    }

    @Test
    void releasesAClaimWhoseRelayFailed() {
        var deliveries = new RecentDeliveries(3, WINDOW, clock);
        deliveries.claim("msg_1");

        deliveries.release("msg_1");

        assertThat(deliveries.claim("msg_1")).isTrue();
    }

    @Test
    void forgetsTheOldestClaimFirstWhenFull() {
        var deliveries = new RecentDeliveries(2, WINDOW, clock);
        deliveries.claim("msg_1");
        deliveries.claim("msg_2");

        deliveries.claim("msg_3");

        assertThat(deliveries.claim("msg_2")).isFalse();
        assertThat(deliveries.claim("msg_3")).isFalse();
        assertThat(deliveries.claim("msg_1")).isTrue();
    }

    @Test
    void grantsEachClaimToOneThreadWhenManyClaimAtOnce() {
        var deliveries = new RecentDeliveries(100_000, WINDOW, clock);
        var granted = new AtomicInteger();

        try (var threads = Executors.newFixedThreadPool(8)) {
            for (int thread = 0; thread < 8; thread++) {
                threads.submit(() -> IntStream.range(0, 1_000)
                        .filter(i -> deliveries.claim("msg_" + i))
                        .forEach(i -> granted.incrementAndGet()));
            }
        }

        assertThat(granted).hasValue(1_000);
    }

    @Test
    void needsRoomForAtLeastOneDelivery() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RecentDeliveries(0, WINDOW, clock));
    }

    private static final class MovableClock extends Clock {

        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
