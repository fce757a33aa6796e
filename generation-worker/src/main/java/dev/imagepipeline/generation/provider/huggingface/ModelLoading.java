package dev.imagepipeline.generation.provider.huggingface;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.generation.provider.ProviderException;

/**
 * The time one order may spend waiting for a cold model, across all of its 503 answers. Each wait is the time Hugging
 * Face asks for, {@code Retry-After} first, then {@code estimated_time}, kept between a second, so a zero estimate does
 * not hammer the API, and a minute, so a pessimistic one is checked again, and never past the budget.
 */
final class ModelLoading {

    private static final Duration SHORTEST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

    private final Duration budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private @Nullable Instant firstAnswer;

    ModelLoading(Duration budget, Clock clock, Sleeper sleeper) {
        this.budget = budget;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Waits before the model is asked again.
     *
     * @throws ProviderException {@code model_loading} once the budget is spent
     */
    void await(String model, Duration estimated, @Nullable Duration retryAfter) {
        var now = clock.instant();
        if (firstAnswer == null) {
            firstAnswer = now;
        }
        var left = budget.minus(Duration.between(firstAnswer, now));
        if (!left.isPositive()) {
            throw new ProviderException("model_loading",
                    "Hugging Face was still loading %s after %d s; it expected about %d s more".formatted(model,
                            budget.toSeconds(), estimated.toSeconds()),
                    true, estimated);
        }
        var wait = min(bounded(retryAfter != null ? retryAfter : estimated), left);
        sleep(model, wait);
    }

    private void sleep(String model, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("provider_error",
                    "Stopped waiting for Hugging Face to load %s: the wait was interrupted".formatted(model), true);
        }
    }

    private static Duration bounded(Duration wait) {
        return min(wait.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : wait, LONGEST_WAIT);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
