package dev.imagepipeline.generation.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
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
        // An interactive job may borrow one turn ahead of the pace (see ProviderGate); no more.
        provider.generate(order(), (percent, message) -> {
        });

        assertThatExceptionOfType(ProviderException.class).isThrownBy(generate(provider)).satisfies(failure -> {
            assertThat(failure.reason()).isEqualTo("rate_limited");
            assertThat(failure.retryable()).isTrue();
        });
        assertThat(calls).hasValue(2);
    }

    @Test
    void makesEveryAttemptWaitForATurnOfItsOwn() {
        var quota = settings(Map.of("quotas.test", "1", "resilience.quota-wait", "0s", "resilience.max-attempts", "3"));
        var provider = guard(quota, 2, new ProviderException("provider_error", "500", true));

        assertThatExceptionOfType(ProviderException.class).isThrownBy(generate(provider))
                .satisfies(failure -> assertThat(failure.reason()).isEqualTo("rate_limited"));
        // The first attempt's turn, the first retry's borrowed one, and none for the second retry.
        assertThat(calls).hasValue(2);
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

    /** A provider whose circuit opens after two failed calls, and rests for 300 ms unless a test says otherwise. */
    @Nested
    class WhenItsCircuitIsOpen {

        private static final Executor VIRTUAL = task -> Thread.ofVirtual().start(task);

        private final Switchable switchable = new Switchable();

        @Test
        void refusesWithoutAStackTraceAndTellsWhenItMayBeCalledAgain() throws Exception {
            var resilience = resilience("300ms");
            var provider = resilience.guard(switchable);
            var refused = open(provider);
            assertThat(refused.provider()).isEqualTo("test");
            assertThat(refused.getStackTrace()).isEmpty();
            switchable.failing = false;

            assertThat(resilience.awaitRecovery(List.of(refused), System.nanoTime() + Duration.ofMinutes(1).toNanos()))
                    .isTrue();
            assertThat(provider.generate(order(), (percent, message) -> {
            }).model()).isEqualTo("m");
        }

        @Test
        void stopsWaitingAtTheDeadline() throws Exception {
            var resilience = resilience("1m");
            var refused = open(resilience.guard(switchable));

            assertThat(resilience.awaitRecovery(List.of(refused), System.nanoTime() + Duration.ofMillis(200).toNanos()))
                    .isFalse();
        }

        @Test
        void letsACallerItRefusedWhileHalfOpenTryAgainOnceItsTestCallsEnded() throws Exception {
            var resilience = resilience("300ms");
            var provider = resilience.guard(switchable);
            var deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            assertThat(resilience.awaitRecovery(List.of(open(provider)), deadline)).isTrue();
            switchable.failing = false;
            var release = new CountDownLatch(1);
            switchable.holdUntil = release;
            // resilience4j lets ten calls through to test the provider.
            var tests = new ArrayList<CompletableFuture<GeneratedBatch>>();
            for (int i = 0; i < 10; i++) {
                tests.add(CompletableFuture.supplyAsync(() -> provider.generate(order(), (percent, message) -> {
                }), VIRTUAL));
            }
            await().until(() -> switchable.held.get() == 10);
            var refused = refusal(provider);

            var recovered = CompletableFuture.supplyAsync(() -> awaitRecovery(resilience, refused, deadline), VIRTUAL);
            release.countDown();

            assertThat(recovered).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
            assertThat(tests).allSatisfy(test -> assertThat(test).succeedsWithin(Duration.ofSeconds(30)));
            assertThat(provider.generate(order(), (percent, message) -> {
            }).model()).isEqualTo("m");
        }

        @Test
        void endsEveryWaitWhenTheWorkerStops() {
            var resilience = resilience("1m");
            var refused = open(resilience.guard(switchable));
            var deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();

            var waiting = CompletableFuture.supplyAsync(() -> awaitRecovery(resilience, refused, deadline), VIRTUAL);
            resilience.endRecoveryWaits();

            assertThat(waiting).failsWithin(Duration.ofSeconds(30))
                    .withThrowableOfType(ExecutionException.class)
                    .withRootCauseInstanceOf(InterruptedException.class);
            assertThatExceptionOfType(InterruptedException.class)
                    .isThrownBy(() -> resilience.awaitRecovery(List.of(refused), deadline));
        }

        private ProviderResilience resilience(String openFor) {
            return new ProviderResilience(
                    settings(Map.of("resilience.max-attempts", "1", "resilience.window", "2", "resilience.open-for",
                            openFor, "resilience.requests-per-minute", "6000", "lanes.max-calls", "16")));
        }

        /** Fails two calls, which opens the circuit, and returns the refusal of the third. */
        private ProviderResilience.Unavailable open(ImageProvider provider) {
            for (int i = 0; i < 2; i++) {
                assertThatExceptionOfType(ProviderException.class).isThrownBy(generate(provider))
                        .satisfies(failure -> assertThat(failure.reason()).isEqualTo("provider_error"));
            }
            return refusal(provider);
        }

        private ProviderResilience.Unavailable refusal(ImageProvider provider) {
            return catchThrowableOfType(ProviderResilience.Unavailable.class, generate(provider));
        }

        private static boolean awaitRecovery(ProviderResilience resilience, ProviderResilience.Unavailable refused,
                long deadline) {
            try {
                return resilience.awaitRecovery(List.of(refused), deadline);
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        }
    }

    /** A provider named {@code test} that fails until told otherwise, and may hold its calls until released. */
    private static final class Switchable implements ImageProvider {

        volatile boolean failing = true;
        volatile CountDownLatch holdUntil = new CountDownLatch(0);
        final AtomicInteger held = new AtomicInteger();

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
            if (failing) {
                throw new ProviderException("provider_error", "500", true);
            }
            held.incrementAndGet();
            try {
                holdUntil.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new GeneratedBatch("m", 1, List.of(), List.of());
        }
    }

    /** Settings with millisecond back-off, a generous quota, and the given fallback order and attempts. */
    public static GenerationWorkerSettings settings(List<String> fallback, int maxAttempts) {
        return settings(Map.of("fallback", String.join(",", fallback), "resilience.max-attempts",
                Integer.toString(maxAttempts), "resilience.requests-per-minute", "1000"));
    }

    /** Settings as Boot binds them, with millisecond back-off and the given properties. */
    public static GenerationWorkerSettings settings(Map<String, String> properties) {
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
