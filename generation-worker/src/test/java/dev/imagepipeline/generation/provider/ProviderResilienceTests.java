package dev.imagepipeline.generation.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.lane.Ticket;
import dev.imagepipeline.generation.provider.local.LocalPreviewProvider;
import io.github.resilience4j.core.functions.Either;

public class ProviderResilienceTests {

    private final AtomicInteger calls = new AtomicInteger();

    @Test
    void retriesAFailureARetryMayCureThenDelivers() {
        var provider = guard(settings(List.of(), 3), 2, new ProviderException("rate_limited", "slow down", true));

        assertThat(provider.generate(order(), (percent, message) -> {
        }).model()).isEqualTo("m");
        assertThat(calls).hasValue(3);
    }

    @Test
    void neverRetriesARefusedPrompt() {
        var provider = guard(settings(List.of(), 3), 5, new ProviderException("invalid_request", "bad", false));

        assertThatExceptionOfType(ProviderException.class).isThrownBy(generate(provider))
                .satisfies(failure -> assertThat(failure.reason()).isEqualTo("invalid_request"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void opensTheCircuitOnRepeatedCurableFailuresButNotOnRefusals() {
        var refused = guard(settings(List.of(), 1), 100, new ProviderException("content_filtered", "no", false));
        for (int i = 0; i < 10; i++) {
            assertThatExceptionOfType(ProviderException.class).isThrownBy(generate(refused))
                    .satisfies(failure -> assertThat(failure.reason()).isEqualTo("content_filtered"));
        }
        var failing = guard(settings(List.of(), 1), 100, new ProviderException("provider_error", "500", true));
        for (int i = 0; i < 5; i++) {
            assertThatExceptionOfType(ProviderException.class).isThrownBy(generate(failing))
                    .satisfies(failure -> assertThat(failure.reason()).isEqualTo("provider_error"));
        }
        int before = calls.get();

        assertThatExceptionOfType(ProviderException.class).isThrownBy(generate(failing)).satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("provider_unavailable");
            assertThat(failure.retryable()).isTrue();
            assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(calls).hasValue(before);
    }

    @Test
    void holdsEveryProviderToItsQuota() {
        var quota = settings(Map.of("quotas.test", "1", "resilience.quota-wait", "0s", "resilience.max-attempts", "1"));
        var provider = guard(quota, 0, null);

        provider.generate(order(), (percent, message) -> {
        });

        assertThatExceptionOfType(ProviderException.class).isThrownBy(generate(provider)).satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("rate_limited");
            assertThat(failure.retryable()).isTrue();
        });
        assertThat(calls).hasValue(1);
    }

    @Test
    void makesEveryAttemptWaitForATurnOfItsOwn() {
        var quota = settings(Map.of("quotas.test", "1", "resilience.quota-wait", "0s", "resilience.max-attempts", "3"));
        var provider = guard(quota, 1, new ProviderException("provider_error", "500", true));

        assertThatExceptionOfType(ProviderException.class).isThrownBy(generate(provider))
                .satisfies(failure -> assertThat(failure.reason()).isEqualTo("rate_limited"));
        assertThat(calls).hasValue(1);
    }

    @Test
    void neitherCallsNorRetriesNorFallsBackForAJobWithdrawnBeforeItsTurn() {
        var provider = guard(settings(List.of(), 3), 0, null);
        var canceledCatalog = Ticket.of(Lane.BULK, "catalog", () -> true);

        assertThatExceptionOfType(ProviderException.class)
                .isThrownBy(() -> canceledCatalog.holding(() -> provider.generate(order(), (percent, message) -> {
                })))
                .satisfies(failure -> {
                    assertThat(failure.reason()).isEqualTo("canceled");
                    assertThat(failure.retryable()).isFalse();
                });
        assertThat(calls).hasValue(0);
        assertThat(canceledCatalog.withdrawn()).isTrue();
    }

    @Test
    void holdsNoUnmeteredProviderToAQuota() {
        var quota = settings(Map.of("quotas.local", "1", "resilience.quota-wait", "0s"));
        var local = new ProviderResilience(quota).guard(new LocalPreviewProvider());
        var order = new GenerationOrder(JobId.random(), "preview", "p", "", new ModelSettings(64, 64, 1, null, null, 1),
                "mug", Category.OTHER, Style.STUDIO);

        for (int i = 0; i < 3; i++) {
            assertThat(local.generate(order, (percent, message) -> {
            }).images()).hasSize(1);
        }
    }

    @Test
    void waitsAtLeastAsLongAsTheProviderAsks() {
        var intervals = new ProviderResilience(settings(List.of(), 3)).backOff();
        var asked = new ProviderException("rate_limited", "slow down", true, Duration.ofSeconds(7));

        assertThat(intervals.apply(1, Either.left(asked))).isEqualTo(7000);
        assertThat(intervals.apply(3, Either.left(new ProviderException("provider_error", "500", true)))).isEqualTo(4);
    }

    /** Settings with millisecond back-off, a generous quota, and the given fallback order and attempts. */
    public static GenerationWorkerSettings settings(List<String> fallback, int maxAttempts) {
        return settings(Map.of("fallback", String.join(",", fallback), "resilience.max-attempts",
                Integer.toString(maxAttempts), "resilience.requests-per-minute", "1000"));
    }

    /** Settings as Boot binds them, with millisecond back-off and the given properties. */
    static GenerationWorkerSettings settings(Map<String, String> properties) {
        var all = new HashMap<String, String>(Map.of("resilience.initial-backoff", "1ms", "resilience.max-backoff",
                "10ms", "resilience.quota-wait", "1s"));
        all.putAll(properties);
        var source = new MapConfigurationPropertySource();
        all.forEach((key, value) -> source.put("pipeline.generation-worker." + key, value));
        return new Binder(source).bindOrCreate("pipeline.generation-worker", GenerationWorkerSettings.class);
    }

    /** A provider named {@code test} that fails {@code failures} times with {@code failure}, then delivers. */
    private ImageProvider guard(GenerationWorkerSettings settings, int failures, ProviderException failure) {
        return new ProviderResilience(settings).guard(new ImageProvider() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public String defaultModel() {
                return "m";
            }

            @Override
            public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
                if (calls.incrementAndGet() <= failures) {
                    throw failure;
                }
                return new GeneratedBatch("m", 1, List.of(), List.of());
            }
        });
    }

    private ThrowingCallable generate(ImageProvider provider) {
        return () -> provider.generate(order(), (percent, message) -> {
        });
    }

    private static GenerationOrder order() {
        return new GenerationOrder(JobId.random(), "m", "p", "", new ModelSettings(512, 512, 1, null, null, 1), "d",
                Category.OTHER, Style.STUDIO);
    }
}
