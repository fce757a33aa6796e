package dev.imagepipeline.webhook.replicate;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The signature vector's timestamp is fixed in 2026-01-01: the service runs at the moment it is fresh, until a test
 * moves the clock on.
 */
@TestConfiguration(proxyBeanMethods = false)
public class VectorTimeClock {

    @Bean
    public SettableClock clock() {
        return new SettableClock(ReplicateFixtures.VALID_AT);
    }
}
