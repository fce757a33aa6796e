package dev.imagepipeline.generation.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The circuits of a worker's providers, for jobs to wait on until a provider whose circuit opened may be called again.
 * The waiting jobs sleep on one condition that every breaker's state transitions signal, and otherwise wake only when
 * an open circuit's rest is over: thousands of them cost nothing while they wait. Times are {@link System#nanoTime()}
 * readings.
 */
final class Outages {

    /** How long a job refused by a half-open circuit waits for the verdict of its test calls before it asks again. */
    private static final Duration HALF_OPEN_CHECK = Duration.ofSeconds(5);
    /** A circuit may refuse a moment after its rest seemed over: its clock is the wall clock. */
    private static final long LATE_REST = Duration.ofMillis(50).toNanos();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean ended;

    /** The breaker's circuit, kept up to date by its state transitions. */
    Circuit watch(CircuitBreaker breaker, Duration openFor) {
        var circuit = new Circuit(openFor);
        breaker.getEventPublisher()
                .onStateTransition(event -> transitioned(circuit, event.getStateTransition().getToState()));
        return circuit;
    }

    /**
     * Waits until one of the refusing circuits may let a call through: it rested, or changed since it refused.
     *
     * @return false when the deadline came first
     * @throws InterruptedException when the thread is interrupted, or the waits were {@linkplain #end() ended}
     */
    boolean await(List<ProviderResilience.Unavailable> refusals, long deadline) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (!ended) {
                long now = System.nanoTime();
                long untilCallable = refusals.stream()
                        .mapToLong(refused -> refused.circuit().untilCallable(refused, now))
                        .min()
                        .orElse(0);
                if (untilCallable <= 0) {
                    return true;
                }
                if (deadline - now <= 0) {
                    return false;
                }
                changed.awaitNanos(Math.min(untilCallable, deadline - now));
            }
            throw new InterruptedException("The worker stops: it waits for no provider to recover");
        } finally {
            lock.unlock();
        }
    }

    /** Ends every wait, now and from now on. */
    void end() {
        lock.lock();
        try {
            ended = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void transitioned(Circuit circuit, CircuitBreaker.State to) {
        lock.lock();
        try {
            circuit.state = to;
            circuit.since = System.nanoTime();
            circuit.transitions++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One breaker's state as its transitions told it; guarded by the lock, but for the count of transitions. */
    final class Circuit {

        private final Duration openFor;
        private final long halfOpenCheck;
        private CircuitBreaker.State state = CircuitBreaker.State.CLOSED;
        private long since;
        private volatile long transitions;

        private Circuit(Duration openFor) {
            this.openFor = openFor;
            this.halfOpenCheck = Math.min(openFor.toNanos(), HALF_OPEN_CHECK.toNanos());
        }

        Duration openFor() {
            return openFor;
        }

        /** Read before a call, so that a refusal can tell whether the circuit changed after it. */
        long transitions() {
            return transitions;
        }

        /** How long until the circuit that refused may let a call through; 0 or less: now. */
        private long untilCallable(ProviderResilience.Unavailable refused, long now) {
            if (transitions != refused.seen()) {
                return 0;
            }
            long rested = since + openFor.toNanos();
            long callable = switch (state) {
                case OPEN -> refused.at() - rested < 0 ? rested : refused.at() + LATE_REST;
                // Half-open: its test calls decide, and their verdict is a transition; asked again now and then, as
                // a test call that ends without a verdict (a refused prompt) gives its place to the next caller.
                default -> refused.at() + halfOpenCheck;
            };
            return callable - now;
        }
    }
}
