package dev.imagepipeline.generation.provider.relay;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.ProviderResilience;
import dev.imagepipeline.generation.provider.RunCallbacks;

/**
 * Reads relayed Hugging Face and Stability results whether or not this worker holds those vendors' tokens: the relay
 * calls the vendor, not the pipeline. Image URLs must lead to public addresses, or into the networks
 * {@code relay-allowed-networks} names.
 */
@Configuration(proxyBeanMethods = false)
class GenerationWorkerRelayConfiguration {

    @Bean
    SynchronousRuns synchronousRuns() {
        return new SynchronousRuns();
    }

    @Bean
    RunCallbacks huggingFaceRelayCallbacks(SynchronousRuns synchronousRuns, ProviderResilience resilience,
            GenerationWorkerSettings settings) {
        return new RelayCallbacks("huggingface", settings.relayAllowedNetworks(), synchronousRuns, resilience);
    }

    @Bean
    RunCallbacks stabilityRelayCallbacks(SynchronousRuns synchronousRuns, ProviderResilience resilience,
            GenerationWorkerSettings settings) {
        return new RelayCallbacks("stability", settings.relayAllowedNetworks(), synchronousRuns, resilience);
    }
}
