package dev.imagepipeline.web.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import io.lettuce.core.RedisClient;

/**
 * Two limiters against one real {@code redis-server}, as two ingest-api instances would be; skipped where the server
 * is not installed.
 */
class RedisRateLimiterIntegrationTests {

    /** Long enough that a busy build machine never makes an answer late, which would count it on one instance. */
    private static final Duration PATIENT = Duration.ofSeconds(5);

    private static RedisServer redis;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final String key = "submit:client:" + UUID.randomUUID();

    @BeforeAll
    static void startRedis() {
        if (RedisServer.installed()) {
            redis = RedisServer.start();
        }
    }

    /** Each test, rather than the class, is skipped, so that every report counts and explains them. */
    @BeforeEach
    void requireRedis() {
        assumeTrue(redis != null, RedisServer.MISSING);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (var resource : opened.reversed()) {
            resource.close();
        }
    }

    @Nested
    class Shared {

        @Test
        void twoInstancesCountAgainstOneLimit() {
            var first = connected(redis.url());
            var second = connected(redis.url());
            var three = new Rate(3);

            assertThat(first.take(key, three)).isEqualTo(Verdict.allow(2));
            assertThat(second.take(key, three)).isEqualTo(Verdict.allow(1));
            assertThat(first.take(key, three)).isEqualTo(Verdict.allow(0));
            var refused = second.take(key, three);

            assertThat(refused.allowed()).isFalse();
            assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
            assertThat(first.take(key, three).allowed()).isFalse();
            assertThat(second.take("read:client:same-client", three).allowed()).isTrue();
        }

        @Test
        void letsTheRequestThroughThatWaitsAsLongAsRetryAfterSays() {
            var first = connected(redis.url());
            var second = connected(redis.url());
            var rate = new Rate(600);
            Verdict refused;
            do {
                refused = first.take(key, rate);
            } while (refused.allowed());
            assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(100));

            // One attempt only, by the other instance, once retryAfter has passed and not before.
            await().pollDelay(refused.retryAfter())
                    .pollInterval(Duration.ofMinutes(1))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> second.take(key, rate).allowed());
        }

        @Test
        void countsEveryRequestOnceWhenBothInstancesAreBusy() throws Exception {
            var instances = List.of(connected(redis.url()), connected(redis.url()));
            var five = new Rate(5);
            var tasks = new ArrayList<Callable<Long>>();
            for (int thread = 0; thread < 8; thread++) {
                var limiter = instances.get(thread % 2);
                tasks.add(() -> IntStream.range(0, 20).filter(i -> limiter.take(key, five).allowed()).count());
            }
            long allowed = 0;
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (var result : pool.invokeAll(tasks)) {
                    allowed += result.get();
                }
            }

            // A sixth request is earned back after 12 s; the 160 requests take a fraction of that.
            assertThat(allowed).isEqualTo(5);
        }

        @Test
        void storesEachKeyUnderItsPrefixUntilItsBucketIsFullAgain() {
            var limiter = connected(redis.url());

            limiter.take(key, new Rate(3));

            try (var client = RedisClient.create(redis.url().toString()); var connection = client.connect()) {
                assertThat(connection.sync().pttl("pipeline:rate:" + key)).isBetween(19_000L, 20_000L);
                assertThat(connection.sync().exists(key)).isZero();
            }
        }

        @Test
        void carriesOnWhenRedisHasForgottenTheScript() {
            var limiter = connected(redis.url());
            limiter.take(key, new Rate(2));

            try (var client = RedisClient.create(redis.url().toString()); var connection = client.connect()) {
                connection.sync().scriptFlush();
            }

            assertThat(limiter.take(key, new Rate(2))).isEqualTo(Verdict.allow(0));
            assertThat(limiter.take(key, new Rate(2)).allowed()).isFalse();
        }
    }

    @Nested
    class WhenRedisGoesAway {

        private final Rate one = new Rate(1);

        @Test
        void eachInstanceLimitsAloneWarnsOnceAndSharesAgainWhenRedisIsBack() throws Exception {
            var own = own(RedisServer.start());
            try (var logs = new CapturedLogs()) {
                var first = connected(own.url(), PATIENT, Duration.ZERO);
                var second = connected(own.url(), PATIENT, Duration.ZERO);
                assertThat(first.take(key, one).allowed()).isTrue();

                own.crash();

                var alone = "read:client:" + UUID.randomUUID();
                assertThat(first.take(alone, one)).isEqualTo(Verdict.allow(0));
                assertThat(first.take(alone, one).allowed()).as("limited by this instance").isFalse();
                assertThat(second.take(alone, one).allowed()).as("counted apart by the other").isTrue();
                for (int i = 0; i < 100; i++) {
                    first.take(key, one);
                }
                assertThat(logs.ofLimiter(Level.WARN)).as("one from each instance, though each failed more often")
                        .hasSize(2)
                        .allSatisfy(line -> assertThat(line)
                                .contains("Redis at 127.0.0.1:" + own.port() + " does not answer"));

                own.restart();

                awaitShared(first, second);
                assertThat(logs.ofLimiter(Level.INFO)).contains(
                        "Redis at 127.0.0.1:" + own.port() + " answers again: the rate limits are shared again");
            }
        }

        @Test
        void doesNotHoldRequestsLongerThanTheTimeoutWhileRedisHangs() throws Exception {
            var own = own(RedisServer.start());
            var first = connected(own.url(), RedisRateLimiter.DEFAULT_TIMEOUT, Duration.ofSeconds(1));
            var second = connected(own.url());

            try (var logs = new CapturedLogs()) {
                own.freeze();
                var fresh = "read:client:" + UUID.randomUUID();
                // Not a measure of speed: without the timeout, Lettuce would wait 60 s for the answer.
                var verdict = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> first.take(fresh, one));
                assertThat(verdict).isEqualTo(Verdict.allow(0));
                own.thaw();
                assertThat(logs.ofLimiter(Level.WARN)).singleElement()
                        .asString()
                        .contains("RedisCommandTimeoutException: Command timed out after 250 millisecond(s)");
            }

            awaitShared(first, second);
        }

        @Test
        void startsWithoutRedisAndSharesOnceItAnswers() throws Exception {
            int port = RedisServer.freePort();
            var url = URI.create("redis://127.0.0.1:" + port);
            var first = open(new RedisRateLimiter(url));
            var second = open(new RedisRateLimiter(url));
            assertThatNoException().isThrownBy(() -> first.take(key, one));

            own(RedisServer.start(port));

            awaitShared(first, second);
        }
    }

    @Nested
    class WithAPassword {

        private static final String PASSWORD = "pw-rate-93e0f1";

        @Test
        void authenticatesWithTheUrlsPassword() throws Exception {
            var own = own(RedisServer.start("--requirepass", PASSWORD));
            var url = URI.create("redis://:" + PASSWORD + "@127.0.0.1:" + own.port());

            awaitShared(connected(url), connected(url));
        }

        @Test
        void limitsAloneWhenThePasswordIsWrongAndNeverLogsIt() throws Exception {
            var own = own(RedisServer.start("--requirepass", PASSWORD));
            var wrong = "wrong-" + PASSWORD;
            try (var logs = new CapturedLogs()) {
                var limiter = open(new RedisRateLimiter(URI.create("redis://:" + wrong + "@127.0.0.1:" + own.port())));
                await().atMost(Duration.ofSeconds(10)).until(() -> !logs.ofLimiter(Level.WARN).isEmpty());

                assertThat(limiter.take(key, new Rate(1))).isEqualTo(Verdict.allow(0));
                assertThat(limiter.take(key, new Rate(1)).allowed()).isFalse();
                assertThat(limiter.connected()).isFalse();
                assertThat(logs.all()).doesNotContain(PASSWORD);
            }
        }
    }

    /** Shared again: a key the one instance has spent is spent for the other too. */
    private static void awaitShared(RedisRateLimiter first, RedisRateLimiter second) {
        var one = new Rate(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var probe = "read:probe:" + UUID.randomUUID();
            return first.take(probe, one).allowed() && !second.take(probe, one).allowed();
        });
    }

    private RedisRateLimiter connected(URI url) {
        return connected(url, PATIENT, Duration.ofSeconds(1));
    }

    private RedisRateLimiter connected(URI url, Duration timeout, Duration retryEvery) {
        var limiter = open(new RedisRateLimiter(url, timeout, retryEvery));
        await().atMost(Duration.ofSeconds(10)).until(limiter::connected);
        return limiter;
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    private RedisServer own(RedisServer server) {
        return open(server);
    }
}
