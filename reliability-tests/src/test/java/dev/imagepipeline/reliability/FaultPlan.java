package dev.imagepipeline.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.awaitility.core.ConditionTimeoutException;

/**
 * What the suite does to the pipeline, step by step, each when the pipeline has got far enough for it to hurt (jobs
 * ending, predictions being made), not at fixed times: on a busy machine the pipeline is slower, and a fault that
 * comes before the work it is meant to hit proves nothing. What happened is kept with when each step began, counted
 * from the plan's start, and how long it took.
 */
final class FaultPlan {

    /** How long a step waits for its moment before it goes ahead anyway. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    /** One thing the suite did, seconds after the plan started. */
    record Done(String step, double at, double took, String outcome) {
    }

    private record Step(String name, Supplier<BooleanSupplier> when, Runnable action) {
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Done> done = new ArrayList<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private Instant start = Instant.now();

    /**
     * @param when makes, as the step begins to wait, the condition it waits for
     */
    FaultPlan then(String name, Supplier<BooleanSupplier> when, Runnable action) {
        steps.add(new Step(name, when, action));
        return this;
    }

    /** A condition that holds once the counter has grown by the amount given since the step began to wait. */
    static Supplier<BooleanSupplier> grown(IntSupplier counter, int by) {
        return () -> {
            int from = counter.getAsInt();
            return () -> counter.getAsInt() >= from + by;
        };
    }

    /** A condition that holds once the time given has passed since the step began to wait. */
    static Supplier<BooleanSupplier> after(Duration wait) {
        return () -> {
            Instant from = Instant.now();
            return () -> Instant.now().isAfter(from.plus(wait));
        };
    }

    /** A condition that holds at once. */
    static Supplier<BooleanSupplier> now() {
        return () -> () -> true;
    }

    /** A condition that holds once the counter has reached the value given. */
    static Supplier<BooleanSupplier> reached(IntSupplier counter, int at) {
        return () -> () -> counter.getAsInt() >= at;
    }

    /** Runs the steps one after the other, on a thread of their own. */
    void start() {
        start = Instant.now();
        Thread.ofVirtual().name("fault-plan").start(() -> {
            try {
                steps.forEach(this::run);
                finished.complete(null);
            } catch (RuntimeException | Error e) {
                finished.completeExceptionally(e);
            }
        });
    }

    private void run(Step step) {
        String waited = "";
        try {
            var condition = step.when().get();
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(condition::getAsBoolean);
        } catch (ConditionTimeoutException e) {
            waited = ", after waiting " + PATIENCE.toSeconds() + " s in vain for its moment";
        }
        Instant began = Instant.now();
        System.out.printf("[fault suite] %5.1f s  %s%n", seconds(start, began), step.name());
        String outcome = "done" + waited;
        try {
            step.action().run();
        } catch (RuntimeException e) {
            outcome = "failed: " + e.getMessage() + waited;
            System.out.printf("[fault suite] %s failed: %s%n", step.name(), e);
        }
        synchronized (done) {
            done.add(new Done(step.name(), seconds(start, began), seconds(began, Instant.now()), outcome));
        }
    }

    /** Waits for every step to have run. */
    void awaitDone(Duration within) {
        finished.orTimeout(within.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    List<Done> done() {
        synchronized (done) {
            return List.copyOf(done);
        }
    }

    Instant started() {
        return start;
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
