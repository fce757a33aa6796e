package dev.imagepipeline.generation.provider.replicate;

import java.net.URI;
import java.util.Objects;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProviderResilience;
import dev.imagepipeline.generation.provider.RunCallbacks;
import dev.imagepipeline.generation.provider.RunSchedule;
import dev.imagepipeline.generation.provider.VendorAccess;

/**
 * Offers Replicate as a provider when a token is configured, in the settings or in {@code REPLICATE_API_TOKEN}, and
 * reads its callbacks when the pipeline has a public address for them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${pipeline.generation-worker.replicate.api-token:${REPLICATE_API_TOKEN:}}' != ''")
class GenerationWorkerReplicateConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GenerationWorkerReplicateConfiguration.class);

    @Bean
    ImageProvider replicateProvider(GenerationWorkerSettings settings, Environment environment) {
        var webhooks = webhooks(settings.replicate(), environment);
        if (webhooks == null) {
            log.info("Replicate predictions are polled: no public address is set for its webhooks (PUBLIC_BASE_URL)");
        } else if (!webhooks.reachable()) {
            log.info("Replicate predictions are polled: Replicate cannot reach {}", webhooks.publicBaseUrl());
            webhooks = null;
        } else if (!"https".equals(webhooks.publicBaseUrl().getScheme())) {
            log.warn("Replicate is to call back at {}, but it posts its webhooks to https addresses only",
                    webhooks.endpoint());
        } else {
            log.info("Replicate calls back at {}", webhooks.endpoint());
        }
        return new ReplicateProvider(access(settings.replicate(), environment), settings.replicate(), webhooks);
    }

    @Bean
    RunCallbacks replicateCallbacks(GenerationWorkerSettings settings, Environment environment,
            ProviderResilience resilience) {
        var replicate = settings.replicate();
        // A submitted prediction runs as long as a polled one may: max-wait is the one deadline of a Replicate run.
        var schedule = new RunSchedule(replicate.callbackGrace(), replicate.maxPollInterval(), replicate.maxWait());
        return new ReplicateCallbacks(new ReplicateClient(access(replicate, environment), PollingClock.system()),
                resilience, schedule);
    }

    private static VendorAccess access(GenerationWorkerSettings.Replicate replicate, Environment environment) {
        return VendorAccess
                .of(environment, replicate.apiToken(), "REPLICATE_API_TOKEN", replicate.baseUrl(),
                        "REPLICATE_API_BASE_URL", replicate.connectTimeout(), replicate.readTimeout())
                .orElseThrow();
    }

    private static @Nullable Webhooks webhooks(GenerationWorkerSettings.Replicate replicate, Environment environment) {
        return Stream
                .of(replicate.webhookBaseUrl() == null ? null : replicate.webhookBaseUrl().toString(),
                        environment.getProperty("PUBLIC_BASE_URL"), environment.getProperty("NEXT_PUBLIC_APP_URL"))
                .filter(Objects::nonNull)
                .filter(url -> !url.isBlank())
                .findFirst()
                .map(url -> new Webhooks(URI.create(url.strip())))
                .orElse(null);
    }
}
