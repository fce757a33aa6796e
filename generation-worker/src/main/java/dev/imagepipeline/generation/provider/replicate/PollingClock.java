package dev.imagepipeline.generation.provider.replicate;

import java.time.Duration;
import java.time.Instant;

/** Time as a prediction's watch sees it, so that tests can let minutes pass without waiting for them. */
interface PollingClock {

    Instant now();

    void sleep(Duration duration) throws InterruptedException;

    static PollingClock system() {
        return new PollingClock() {

            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration);
            }
        };
    }
}
