package dev.imagepipeline.webhook.replicate;

import java.time.Clock;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The signature vector's timestamp is fixed in 2026-01-01: the service runs at the moment it is fresh. */
@TestConfiguration(proxyBeanMethods = false)
class VectorTimeClock {

    @Bean
    Clock clock() {
        return Clock.fixed(ReplicateFixtures.VALID_AT, ZoneOffset.UTC);
    }
}
