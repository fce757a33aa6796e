package dev.imagepipeline.generation.provider.stability;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.VendorAccess;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;

/** Offers Stability AI as the {@code stability} provider, only when an API key is configured. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${pipeline.generation-worker.stability.api-token:${STABILITY_API_KEY:}}' != ''")
class GenerationWorkerStabilityConfiguration {

    @Bean
    StabilityProvider stabilityProvider(GenerationWorkerSettings settings, Environment environment, Clock clock,
            SynchronousRuns synchronousRuns) {
        var stability = settings.stability();
        var access = VendorAccess
                .of(environment, stability.apiToken(), "STABILITY_API_KEY", stability.baseUrl(),
                        "STABILITY_API_BASE_URL", stability.connectTimeout(), stability.readTimeout())
                .orElseThrow();
        return new StabilityProvider(new StabilityClient(access, clock), synchronousRuns);
    }
}
