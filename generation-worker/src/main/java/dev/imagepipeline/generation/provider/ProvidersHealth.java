package dev.imagepipeline.generation.provider;

import java.util.List;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Part of the worker's readiness ({@code providers}): down when the circuit of every provider it guards is open, since
 * it can then generate nothing until one rests; up while any provider may be called. Names the open ones either way.
 */
@Component("providersHealthIndicator")
class ProvidersHealth implements HealthIndicator {

    private final ProviderResilience resilience;

    ProvidersHealth(ProviderResilience resilience) {
        this.resilience = resilience;
    }

    @Override
    public Health health() {
        var circuits = resilience.circuits();
        List<String> open = circuits.entrySet()
                .stream()
                .filter(circuit -> isOpen(circuit.getValue()))
                .map(circuit -> circuit.getKey())
                .toList();
        var health = !circuits.isEmpty() && open.size() == circuits.size() ? Health.down() : Health.up();
        return health.withDetail("open", open).withDetail("circuits", circuits).build();
    }

    private static boolean isOpen(CircuitBreaker.State state) {
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }
}
