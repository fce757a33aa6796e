package dev.imagepipeline.generation.provider.replicate;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.VendorAccess;

/** Offers Replicate as a provider when a token is configured, in the settings or in {@code REPLICATE_API_TOKEN}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${pipeline.generation-worker.replicate.api-token:${REPLICATE_API_TOKEN:}}' != ''")
class GenerationWorkerReplicateConfiguration {

    @Bean
    ImageProvider replicateProvider(GenerationWorkerSettings settings, Environment environment) {
        var replicate = settings.replicate();
        var access = VendorAccess
                .of(environment, replicate.apiToken(), "REPLICATE_API_TOKEN", replicate.baseUrl(),
                        "REPLICATE_API_BASE_URL", replicate.connectTimeout(), replicate.readTimeout())
                .orElseThrow();
        return new ReplicateProvider(access, replicate);
    }
}
