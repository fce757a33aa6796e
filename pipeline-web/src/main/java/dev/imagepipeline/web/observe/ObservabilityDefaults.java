package dev.imagepipeline.web.observe;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets every service's actuator up the same way, alone or in the all-in-one runner (whose YAML shadows the services'):
 * probes, info and the Prometheus endpoint exposed, readiness following Kafka and the providers' circuits, and log
 * lines that carry the trace and the job. Added last, so any property source of the deployment overrides each value.
 */
public final class ObservabilityDefaults implements EnvironmentPostProcessor {

    static final String NAME = "pipelineObservabilityDefaults";

    private static final Map<String, Object> DEFAULTS = Map.of("management.endpoints.web.exposure.include",
            "health,info,prometheus", "management.endpoint.health.probes.enabled", "true",
            "management.endpoint.health.show-details", "always",
            // kafka is every service's; providers only generation-worker's, hence no check that each group member exists.
            "management.endpoint.health.group.readiness.include", "readinessState,kafka,providers",
            "management.endpoint.health.validate-group-membership", "false", "management.info.java.enabled", "true",
            "logging.pattern.correlation", "[%X{traceId:-},%X{spanId:-},%X{jobId:-}] ");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(NAME, DEFAULTS));
    }
}
