package dev.imagepipeline.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Starts tasks at a steady rate, each on a virtual thread of its own so that a slow one holds up no other, and waits
 * for all of them: load that measures latency rather than queueing.
 */
final class SteadyRate {

    private SteadyRate() {
    }

    /** @return each task's result, in the order they were started */
    static <T> List<T> run(int count, double perSecond, IntFunction<T> task) {
        long period = (long) (1_000_000_000 / perSecond);
        var started = new ArrayList<CompletableFuture<T>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long first = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = first + i * period;
                // Pacing the load, not waiting for a result.
                for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
                int n = i;
                started.add(CompletableFuture.supplyAsync(() -> task.apply(n), threads));
            }
            return started.stream().map(CompletableFuture::join).toList();
        }
    }
}
