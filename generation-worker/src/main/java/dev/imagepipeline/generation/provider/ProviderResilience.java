package dev.imagepipeline.generation.provider;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.lane.ProviderGate;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Guards every provider call: the provider's {@link ProviderGate} (its quota and calls at once, handed out interactive
 * lane first), and with resilience4j a circuit breaker that opens on failures a retry may cure, and retries with
 * exponential back-off that honour the provider's own {@code Retry-After}. Each attempt waits for a turn of its own, in
 * its job's lane. A refused prompt or a filtered image is neither retried nor held against the provider. An open
 * circuit's refusal says when the provider may be called again, for a job to {@linkplain #awaitRecovery wait} for it.
 */
@Component
public class ProviderResilience {

    private static final Duration NEVER_SLOW = Duration.ofDays(365);

    private final GenerationWorkerSettings.Resilience settings;
    private final GenerationWorkerSettings all;
    private final Outages outages = new Outages();
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
    private final MeterRegistry meters;

    public ProviderResilience(GenerationWorkerSettings settings) {
        this(settings, new SimpleMeterRegistry());
    }

    @Autowired
    ProviderResilience(GenerationWorkerSettings settings, ObjectProvider<MeterRegistry> meters) {
        this(settings, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    private ProviderResilience(GenerationWorkerSettings settings, MeterRegistry meters) {
        this.all = settings;
        this.settings = settings.resilience();
        this.meters = meters;
        // Meters each circuit added to the registry, as it is added.
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    /** The provider, with every call going through its own gate, circuit breaker and retries. */
    public ImageProvider guard(ImageProvider provider) {
        var breaker = breakers.circuitBreaker(provider.name(), breaker());
        var retry = Retry.of(provider.name(), retry());
        return new Guarded(provider, gate(provider), breaker, retry, outages.watch(breaker, settings.openFor()),
                calls(provider.name(), "success"), calls(provider.name(), "failure"));
    }

    /** The state of each guarded provider's circuit, by provider name. */
    public Map<String, CircuitBreaker.State> circuits() {
        var states = new TreeMap<String, CircuitBreaker.State>();
        breakers.getAllCircuitBreakers().forEach(breaker -> states.put(breaker.getName(), breaker.getState()));
        return states;
    }

    /** A provider's own calls, without their wait for a turn: a few buckets rather than a histogram per call. */
    private Timer calls(String provider, String outcome) {
        return Timer.builder("pipeline.provider.calls")
                .description("Calls to an image provider, each attempt on its own, without the wait for a turn")
                .tag("provider", provider)
                .tag("outcome", outcome)
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
                        Duration.ofMinutes(1), Duration.ofMinutes(3))
                .register(meters);
    }

    /**
     * Waits until one of the providers that refused a job for their open circuits may be called again: its circuit
     * rested, or changed since it refused. Woken by the circuits' transitions, not by polling.
     *
     * @param refusals of providers this instance guards
     * @param deadline a {@link System#nanoTime()} reading
     * @return false when the deadline came first
     * @throws InterruptedException when the thread is interrupted, or the waits were {@linkplain #endRecoveryWaits()
     *         ended}
     */
    public boolean awaitRecovery(List<Unavailable> refusals, long deadline) throws InterruptedException {
        return outages.await(refusals, deadline);
    }

    /** Ends every wait for a provider's recovery, now and from now on: the worker stops. */
    public void endRecoveryWaits() {
        outages.end();
    }

    /**
     * The call, retried like a provider call on failures a retry may cure, but outside the provider's quota and
     * circuit: for work a provider already accepted, such as fetching a finished run's images.
     */
    public <T> T retried(String name, Supplier<T> call) {
        return Retry.decorateSupplier(Retry.of(name, retry()), call).get();
    }

    /** A metered provider's turns come at its quota's pace; the local renderer's only as its calls end. */
    private ProviderGate gate(ImageProvider provider) {
        var lanes = all.lanes();
        int calls = lanes.maxCalls(provider.name(), provider.metered());
        if (!provider.metered()) {
            return ProviderGate.unmetered(provider.name(), calls, lanes.minBulkShare(), settings.quotaWait());
        }
        int perMinute = all.quotas().getOrDefault(provider.name(), settings.requestsPerMinute());
        return ProviderGate.metered(provider.name(), perMinute, calls, lanes.minBulkShare(), settings.quotaWait());
    }

    private CircuitBreakerConfig breaker() {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRate())
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(Math.min(settings.window(), 5))
                .waitDurationInOpenState(settings.openFor())
                // Slowness is no failure here: a call's time includes its wait for a turn, and a run may rightly take
                // minutes. resilience4j would otherwise open the circuit once every call of the window took a minute.
                .slowCallDurationThreshold(NEVER_SLOW)
                .recordException(ProviderResilience::curable)
                .ignoreException(failure -> !curable(failure))
                // Every waiting job is refused when the rest ends, and again while the test calls run.
                .writableStackTraceEnabled(false)
                .build();
    }

    private RetryConfig retry() {
        return RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(failure -> curable(failure) && !(failure instanceof Unavailable)
                // An interrupted call was a canceled job's: trying again would spend quota on nothing.
                        && !Thread.currentThread().isInterrupted())
                .intervalBiFunction(backOff())
                .build();
    }

    IntervalBiFunction<Object> backOff() {
        return (attempt, outcome) -> {
            long exponential = Math.min(settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20),
                    settings.maxBackoff().toMillis());
            Duration asked = outcome.isLeft() && outcome.getLeft() instanceof ProviderException failure
                    ? failure.retryAfter()
                    : null;
            return asked == null ? exponential : Math.max(exponential, asked.toMillis());
        };
    }

    private static boolean curable(Throwable failure) {
        return failure instanceof ProviderException provider && provider.retryable();
    }

    /**
     * A provider whose circuit is open: retrying at once cannot help, another provider may, and so may waiting for it to
     * {@linkplain #awaitRecovery recover}.
     */
    public static final class Unavailable extends ProviderException {

        private final String provider;
        private final Outages.Circuit circuit;
        private final long seen;
        private final long at;

        /** @param seen the circuit's transitions before the call it refused */
        Unavailable(String provider, Outages.Circuit circuit, long seen) {
            super("provider_unavailable", "Provider '" + provider + "' is failing and is being rested; try again in "
                    + circuit.openFor().toSeconds() + " s.", true, circuit.openFor(), false);
            this.provider = provider;
            this.circuit = circuit;
            this.seen = seen;
            this.at = System.nanoTime();
        }

        public String provider() {
            return provider;
        }

        Outages.Circuit circuit() {
            return circuit;
        }

        long seen() {
            return seen;
        }

        /** When it was refused, a {@link System#nanoTime()} reading. */
        long at() {
            return at;
        }
    }

    private record Guarded(ImageProvider provider, ProviderGate gate, CircuitBreaker breaker, Retry retry,
            Outages.Circuit circuit, Timer succeeded, Timer failed) implements ImageProvider {

        @Override
        public String name() {
            return provider.name();
        }

        @Override
        public String defaultModel() {
            return provider.defaultModel();
        }

        @Override
        public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
            return guarded(() -> provider.generate(order, progress));
        }

        @Override
        public boolean submits(GenerationOrder order) {
            return provider.submits(order);
        }

        @Override
        public SubmittedRun submit(GenerationOrder order, ProgressListener progress) {
            return guarded(() -> provider.submit(order, progress));
        }

        @Override
        public boolean metered() {
            return provider.metered();
        }

        private <T> T guarded(Supplier<T> call) {
            // An open circuit refuses at once, before the call waits for a turn it could not use.
            Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, () -> gate.call(() -> timed(call)));
            return Retry.decorateSupplier(retry, () -> translated(guarded)).get();
        }

        private <T> T timed(Supplier<T> call) {
            long start = System.nanoTime();
            boolean done = false;
            try {
                T result = call.get();
                done = true;
                return result;
            } finally {
                (done ? succeeded : failed).record(Duration.ofNanos(System.nanoTime() - start));
            }
        }

        private <T> T translated(Supplier<T> guarded) {
            long seen = circuit.transitions();
            try {
                return guarded.get();
            } catch (CallNotPermittedException open) {
                throw new Unavailable(provider.name(), circuit, seen);
            } catch (ProviderGate.Throttled throttled) {
                throw new ProviderException("rate_limited", throttled.getMessage() + ": its quota is taken.", true);
            } catch (ProviderGate.Withdrawn withdrawn) {
                // Neither retried nor handed to another provider: the job is not to run.
                throw new ProviderException("canceled", withdrawn.getMessage() + ".", false);
            }
        }
    }
}
