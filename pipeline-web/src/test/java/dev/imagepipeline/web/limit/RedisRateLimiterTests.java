package dev.imagepipeline.web.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;

/** What needs no Redis at all: a URL it cannot use, and a server that is not there. */
class RedisRateLimiterTests {

    private static final String PASSWORD = "pw-4be1c7d0e2";

    @Test
    void refusesAUrlItCannotUseWithoutQuotingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedisRateLimiter(URI.create("http://:" + PASSWORD + "@127.0.0.1:6379")))
                .withMessageNotContaining(PASSWORD)
                .withMessageContaining("redis://");
    }

    @Test
    void limitsOnItsOwnWhileRedisCannotBeReachedSayingSoWithoutThePassword() {
        var url = URI.create("redis://:" + PASSWORD + "@127.0.0.1:" + RedisServer.freePort());
        var rate = new Rate(2);
        try (var logs = new CapturedLogs(); var limiter = new RedisRateLimiter(url)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !logs.ofLimiter(Level.WARN).isEmpty());

            assertThat(limiter.take("submit:client:shop-a", rate)).isEqualTo(Verdict.allow(1));
            assertThat(limiter.take("submit:client:shop-a", rate)).isEqualTo(Verdict.allow(0));
            assertThat(limiter.take("submit:client:shop-a", rate).retryAfter()).isBetween(Duration.ofSeconds(20),
                    Duration.ofSeconds(30));

            assertThat(logs.ofLimiter(Level.WARN)).singleElement()
                    .asString()
                    .contains("Redis at 127.0.0.1:" + url.getPort() + " does not answer")
                    .contains("each instance limits requests on its own");
            assertThat(logs.all()).doesNotContain(PASSWORD);
        }
    }
}
