package dev.imagepipeline.web.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalRateLimiterTests {

    private static final Rate TEN = new Rate(10);

    private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);
    private final LocalRateLimiter limiter = new LocalRateLimiter(1_000, nanoTime::get);

    @Nested
    class Burst {

        @Test
        void letsAMinutesAllowanceThroughAtOnceCountingDown() {
            var remaining = IntStream.range(0, 10).mapToObj(i -> limiter.take("submit:shop-a", TEN)).toList();

            assertThat(remaining).allSatisfy(verdict -> assertThat(verdict.allowed()).isTrue())
                    .extracting(Verdict::remaining)
                    .containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
            assertThat(limiter.take("submit:shop-a", TEN)).isEqualTo(Verdict.refuse(Duration.ofSeconds(6)));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 7, 600, 1_000_000})
        void holdsExactlyOneMinutesAllowanceWhateverTheRate(int perMinute) {
            var rate = new Rate(perMinute);

            assertThat(limiter.take("k", rate).remaining()).isEqualTo(perMinute - 1);
            for (int i = 1; i < perMinute; i++) {
                assertThat(limiter.take("k", rate).allowed()).isTrue();
            }
            assertThat(limiter.take("k", rate).allowed()).isFalse();
        }
    }

    @Nested
    class Refill {

        @Test
        void earnsOneRequestBackEachTenthOfAMinute() {
            drain("k", TEN);

            advance(Duration.ofSeconds(6));
            assertThat(limiter.take("k", TEN)).isEqualTo(Verdict.allow(0));
            assertThat(limiter.take("k", TEN).allowed()).isFalse();

            advance(Duration.ofSeconds(18));
            assertThat(IntStream.range(0, 4).filter(i -> limiter.take("k", TEN).allowed()).count()).isEqualTo(3);
        }

        @Test
        void keepsNoMoreThanAMinutesAllowanceAfterAQuietHour() {
            drain("k", TEN);

            advance(Duration.ofHours(1));

            assertThat(limiter.take("k", TEN).remaining()).isEqualTo(9);
            assertThat(drain("k", TEN)).isEqualTo(9);
        }
    }

    @Nested
    class RetryAfter {

        @Test
        void isExactlyTheTimeUntilTheNextRequestIsEarned() {
            drain("k", TEN);
            advance(Duration.ofMillis(2_500));

            var refused = limiter.take("k", TEN);

            assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(3_500));
            advance(refused.retryAfter().minusNanos(1));
            assertThat(limiter.take("k", TEN).retryAfter()).isEqualTo(Duration.ofNanos(1));
            advance(Duration.ofNanos(1));
            assertThat(limiter.take("k", TEN).allowed()).isTrue();
        }

        @Test
        void doesNotGrowWhileRefusedRequestsKeepComing() {
            drain("k", TEN);

            for (int i = 0; i < 100; i++) {
                limiter.take("k", TEN);
            }

            assertThat(limiter.take("k", TEN).retryAfter()).isEqualTo(Duration.ofSeconds(6));
        }

        @Test
        void countsAcrossTheWrapOfNanoTime() {
            nanoTime.set(Long.MAX_VALUE - Duration.ofSeconds(1).toNanos());
            drain("k", TEN);

            advance(Duration.ofSeconds(5));
            assertThat(limiter.take("k", TEN).retryAfter()).isEqualTo(Duration.ofSeconds(1));
            advance(Duration.ofSeconds(1));
            assertThat(limiter.take("k", TEN).allowed()).isTrue();
        }
    }

    @Nested
    class Keys {

        @Test
        void areCountedApart() {
            drain("submit:client:shop-a", TEN);

            assertThat(limiter.take("submit:client:shop-b", TEN)).isEqualTo(Verdict.allow(9));
            assertThat(limiter.take("read:client:shop-a", TEN)).isEqualTo(Verdict.allow(9));
            assertThat(limiter.take("submit:client:shop-a", TEN).allowed()).isFalse();
        }

        @Test
        void areForgottenOnceTheirBucketIsFullAgain() {
            for (int i = 0; i < 500; i++) {
                limiter.take("read:ip:10.0.0." + i, TEN);
            }

            advance(Duration.ofSeconds(6));
            limiter.take("read:ip:10.0.1.1", TEN);

            assertThat(limiter.size()).isEqualTo(1);
        }

        @Test
        void keepThoseWhoseBucketIsNotFullYet() {
            drain("k", TEN);

            advance(Duration.ofSeconds(59));
            limiter.take("other", TEN);

            assertThat(limiter.size()).isEqualTo(2);
            assertThat(limiter.take("k", TEN).remaining()).isEqualTo(8);
        }

        @Test
        void areBoundedForgettingTheLeastRecentlySeenFirst() {
            var small = new LocalRateLimiter(3, nanoTime::get);
            var one = new Rate(1);
            for (var key : new String[]{"a", "b", "c"}) {
                small.take(key, one);
            }
            small.take("a", one);

            small.take("d", one);

            assertThat(small.size()).isEqualTo(3);
            assertThat(small.take("b", one).allowed()).as("b, seen least recently, starts over").isTrue();
            assertThat(small.take("a", one).allowed()).as("a is still counted").isFalse();
        }

        @Test
        void doNotGrowTheHeapUnderAFloodOfDistinctOnes() {
            for (int i = 0; i < 100_000; i++) {
                limiter.take("read:ip:spoofed-" + i, TEN);
            }

            assertThat(limiter.size()).isEqualTo(1_000);
        }
    }

    @Test
    void countsEveryRequestOnceUnderContention() throws Exception {
        var rate = new Rate(1_000);
        var tasks = new ArrayList<Callable<Long>>();
        for (int thread = 0; thread < 8; thread++) {
            tasks.add(() -> IntStream.range(0, 500).filter(i -> limiter.take("k", rate).allowed()).count());
        }
        long allowed = 0;
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var result : pool.invokeAll(tasks)) {
                allowed += result.get();
            }
        }

        assertThat(allowed).isEqualTo(1_000);
    }

    @Test
    void refusesARateOfLessThanOneAMinute() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Rate(0));
    }

    @Test
    void refusesAVerdictThatContradictsItself() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Verdict(true, 3, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> new Verdict(false, 0, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new Verdict(false, 2, Duration.ofSeconds(1)));
    }

    private int drain(String key, Rate rate) {
        int allowed = 0;
        while (limiter.take(key, rate).allowed()) {
            allowed++;
        }
        return allowed;
    }

    private void advance(Duration duration) {
        nanoTime.addAndGet(duration.toNanos());
    }
}
