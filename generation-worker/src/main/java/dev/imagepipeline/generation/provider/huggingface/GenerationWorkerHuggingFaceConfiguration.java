package dev.imagepipeline.generation.provider.huggingface;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.VendorAccess;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;

/** Offers Hugging Face as the {@code huggingface} provider, only when an API token is configured. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${pipeline.generation-worker.huggingface.api-token:${HUGGINGFACE_API_TOKEN:}}'.trim() != ''")
@EnableConfigurationProperties(GenerationWorkerSettings.class)
class GenerationWorkerHuggingFaceConfiguration {

    @Bean
    HuggingFaceProvider huggingFaceProvider(GenerationWorkerSettings settings, Environment environment, Clock clock,
            SynchronousRuns synchronousRuns) {
        var huggingFace = settings.huggingface();
        var access = VendorAccess
                .of(environment, huggingFace.apiToken(), "HUGGINGFACE_API_TOKEN", huggingFace.baseUrl(),
                        "HUGGINGFACE_API_BASE_URL", huggingFace.connectTimeout(), huggingFace.readTimeout())
                .orElseThrow();
        return new HuggingFaceProvider(access, huggingFace.maxLoadingWait(), clock, synchronousRuns);
    }
}
