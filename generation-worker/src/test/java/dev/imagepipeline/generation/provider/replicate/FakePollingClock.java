package dev.imagepipeline.generation.provider.replicate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A clock whose time passes only when the watch sleeps, and which remembers each sleep. */
final class FakePollingClock implements PollingClock {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        sleeps.add(duration);
        now = now.plus(duration);
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    static List<Duration> seconds(long... seconds) {
        return Arrays.stream(seconds).mapToObj(Duration::ofSeconds).toList();
    }
}
