package dev.imagepipeline.webhook.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RecentDeliveriesTests {

    @Test
    void remembersAPublishedDelivery() {
        var deliveries = new RecentDeliveries(3);

        deliveries.remember("msg_1");

        assertThat(deliveries.published("msg_1")).isTrue();
        assertThat(deliveries.published("msg_2")).isFalse();
    }

    @Test
    void forgetsTheLeastRecentlySeenDeliveryFirst() {
        var deliveries = new RecentDeliveries(2);
        deliveries.remember("msg_1");
        deliveries.remember("msg_2");
        deliveries.published("msg_1");

        deliveries.remember("msg_3");

        assertThat(deliveries.published("msg_1")).isTrue();
        assertThat(deliveries.published("msg_2")).isFalse();
        assertThat(deliveries.published("msg_3")).isTrue();
    }

    @Test
    void keepsItsBoundWhenManyThreadsRememberAtOnce() throws Exception {
        var deliveries = new RecentDeliveries(100);

        try (var threads = Executors.newFixedThreadPool(8)) {
            for (int thread = 0; thread < 8; thread++) {
                int first = thread * 1_000;
                threads.submit(
                        () -> IntStream.range(first, first + 1_000).forEach(i -> deliveries.remember("msg_" + i)));
            }
        }

        assertThat(IntStream.range(0, 8_000).filter(i -> deliveries.published("msg_" + i)).count()).isEqualTo(100);
    }

    @Test
    void needsRoomForAtLeastOneDelivery() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RecentDeliveries(0));
    }
}
