package dev.imagepipeline.generation.provider;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Guards every provider call with resilience4j: a metered provider's quota (a rate limiter), a circuit breaker that opens
 * on failures a retry may cure, and retries with exponential back-off that honour the provider's own
 * {@code Retry-After}. A refused prompt or a filtered image is neither retried nor held against the provider.
 */
@Component
public class ProviderResilience {

    private final GenerationWorkerSettings.Resilience settings;
    private final GenerationWorkerSettings all;

    public ProviderResilience(GenerationWorkerSettings settings) {
        this.all = settings;
        this.settings = settings.resilience();
    }

    /** The provider, with every call going through its own quota, circuit breaker and retries. */
    public ImageProvider guard(ImageProvider provider) {
        var limiter = provider.metered() ? RateLimiter.of(provider.name() + "-quota", quota(provider.name())) : null;
        var breaker = CircuitBreaker.of(provider.name(), breaker());
        var retry = Retry.of(provider.name(), retry());
        return new Guarded(provider, limiter, breaker, retry, settings.openFor());
    }

    /**
     * The call, retried like a provider call on failures a retry may cure, but outside the provider's quota and
     * circuit: for work a provider already accepted, such as fetching a finished run's images.
     */
    public <T> T retried(String name, Supplier<T> call) {
        return Retry.decorateSupplier(Retry.of(name, retry()), call).get();
    }

    private RateLimiterConfig quota(String provider) {
        int perMinute = all.quotas().getOrDefault(provider, settings.requestsPerMinute());
        return RateLimiterConfig.custom()
                .limitForPeriod(perMinute)
                .limitRefreshPeriod(Duration.ofMinutes(1))
                .timeoutDuration(settings.quotaWait())
                .build();
    }

    private CircuitBreakerConfig breaker() {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRate())
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(Math.min(settings.window(), 5))
                .waitDurationInOpenState(settings.openFor())
                .recordException(ProviderResilience::curable)
                .ignoreException(failure -> !curable(failure))
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

    /** A provider whose circuit is open: retrying at once cannot help, another provider may. */
    static final class Unavailable extends ProviderException {

        Unavailable(String provider, Duration openFor) {
            super("provider_unavailable", "Provider '" + provider + "' is failing and is being rested; try again in "
                    + openFor.toSeconds() + " s.", true, openFor);
        }
    }

    /** @param limiter absent for a provider that spends no quota */
    private record Guarded(ImageProvider provider, @Nullable RateLimiter limiter, CircuitBreaker breaker, Retry retry,
            Duration openFor) implements ImageProvider {

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
            Supplier<T> limited = limiter == null ? call : RateLimiter.decorateSupplier(limiter, call);
            Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, limited);
            return Retry.decorateSupplier(retry, () -> translated(guarded)).get();
        }

        private <T> T translated(Supplier<T> guarded) {
            try {
                return guarded.get();
            } catch (CallNotPermittedException open) {
                throw new Unavailable(provider.name(), openFor);
            } catch (RequestNotPermitted throttled) {
                throw new ProviderException("rate_limited",
                        "Provider '" + provider.name() + "' quota is used up for this minute.", true);
            }
        }
    }
}
