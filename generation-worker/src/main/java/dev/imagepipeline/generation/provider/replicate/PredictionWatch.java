package dev.imagepipeline.generation.provider.replicate;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.ProviderException;

/**
 * Follows a prediction from its creation to its end: polls it at an interval that doubles up to a bound, and cancels it
 * once it has taken longer than it may.
 */
final class PredictionWatch {

    /**
     * How long a create request for a quick model may be held open. Flux schnell usually ends within a few seconds,
     * so one request often brings the output; half of Replicate's 60 s bound keeps a slow prediction from going
     * unreported for long before the polling loop, which reports progress, takes over.
     */
    private static final Duration INLINE_WAIT = Duration.ofSeconds(30);
    /** Left between the inline wait and the read timeout, so that Replicate answers before the socket gives up. */
    private static final Duration READ_MARGIN = Duration.ofSeconds(5);
    /**
     * Replicate's own deadline comes after ours, as a backstop should no worker be left to cancel the prediction; and
     * late enough that ours ends the job first, as a timeout rather than a cancellation.
     */
    static final Duration CANCEL_MARGIN = Duration.ofMinutes(1);

    private final ReplicateClient client;
    private final PollingClock clock;
    private final Duration pollInterval;
    private final Duration maxPollInterval;
    private final Duration maxWait;
    private final @Nullable Duration inlineWait;

    PredictionWatch(ReplicateClient client, PollingClock clock, GenerationWorkerSettings.Replicate settings) {
        this.client = client;
        this.clock = clock;
        this.pollInterval = settings.pollInterval();
        this.maxPollInterval = settings.maxPollInterval();
        this.maxWait = settings.maxWait();
        var inline = min(INLINE_WAIT, min(settings.readTimeout().minus(READ_MARGIN), maxWait));
        this.inlineWait = inline.toSeconds() >= 1 ? inline : null;
    }

    /**
     * @param notes hears what happens to the prediction, for the job's progress
     * @return the prediction once it has ended, whichever way
     * @throws ProviderException {@code provider_timeout} when it ran past the bound and was canceled
     */
    Prediction follow(PredictionCall call, Consumer<String> notes) {
        Instant deadline = clock.now().plus(maxWait);
        var prediction = client.create(call.route(), call.input(), call.inline() ? inlineWait : null,
                maxWait.plus(CANCEL_MARGIN), null);
        notes.accept("prediction %s started".formatted(prediction.id()));
        var interval = pollInterval;
        while (prediction.status().running()) {
            var left = Duration.between(clock.now(), deadline);
            if (!left.isPositive()) {
                throw timedOut(prediction);
            }
            pause(min(interval, left), prediction);
            prediction = client.get(prediction.id());
            if (prediction.status().running()) {
                notes.accept("prediction %s is %s".formatted(prediction.id(), prediction.status()));
            }
            interval = min(interval.multipliedBy(2), maxPollInterval);
        }
        return prediction;
    }

    private void pause(Duration interval, Prediction prediction) {
        try {
            clock.sleep(interval);
        } catch (InterruptedException e) {
            // Canceled first, as the HTTP client gives up at once on a thread marked interrupted.
            String canceled = cancel(prediction);
            Thread.currentThread().interrupt();
            String message = "Stopped waiting for Replicate prediction %s as the worker is stopping; %s.";
            throw new ProviderException("interrupted", message.formatted(prediction.id(), canceled), false);
        }
    }

    private ProviderException timedOut(Prediction prediction) {
        return new ProviderException("provider_timeout", "Replicate prediction %s was still %s after %d s; %s."
                .formatted(prediction.id(), prediction.status(), maxWait.toSeconds(), cancel(prediction)), true);
    }

    /** Cancels the prediction so that it stops costing, and says how that went. */
    private String cancel(Prediction prediction) {
        try {
            client.cancel(prediction.id());
            return "it was canceled";
        } catch (ProviderException e) {
            return "canceling it failed too (" + e.getMessage() + ")";
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
