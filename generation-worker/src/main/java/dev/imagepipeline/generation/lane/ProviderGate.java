package dev.imagepipeline.generation.lane;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.generation.lane.Waiter.State;

/**
 * One provider's quota and concurrency, handed out as turns in the order its {@link Line} decides: a call waits for a
 * turn (a free call, and for a metered provider the next tick of its pace), runs, and frees its call. The order is
 * decided at the quota itself, so an interactive job starts within one turn of its arrival however many bulk calls
 * wait; and when the bulk lane has just taken the turn, an interactive job borrows the next one (see {@link Pace}) and
 * starts at once, so a catalog spending the whole quota adds no wait of a turn to a person's job. A bulk call waits as long as it takes, since giving way is its lane's purpose; an interactive call waits at
 * most {@code interactiveWait}, then counts as throttled, so that a retry or another provider may serve it.
 */
public final class ProviderGate {

    private final String provider;
    private final @Nullable Pace pace;
    private final int maxCalls;
    private final Duration interactiveWait;
    private final LongSupplier ticker;
    private final Line line;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private int running;

    ProviderGate(String provider, @Nullable Pace pace, int maxCalls, double minBulkShare, Duration interactiveWait,
            LongSupplier ticker) {
        if (maxCalls < 1) {
            throw new IllegalArgumentException("Provider '" + provider + "' must be allowed at least one call at once");
        }
        this.provider = provider;
        this.pace = pace;
        this.maxCalls = maxCalls;
        this.interactiveWait = interactiveWait;
        this.ticker = ticker;
        this.line = new Line(minBulkShare);
    }

    /** A provider whose calls spend a quota of {@code perMinute}, given out evenly. */
    public static ProviderGate metered(String provider, int perMinute, int maxCalls, double minBulkShare,
            Duration interactiveWait) {
        return new ProviderGate(provider, Pace.perMinute(perMinute), maxCalls, minBulkShare, interactiveWait,
                System::nanoTime);
    }

    /** A provider that spends no quota, such as the local renderer: only its calls at once are limited. */
    public static ProviderGate unmetered(String provider, int maxCalls, double minBulkShare, Duration interactiveWait) {
        return new ProviderGate(provider, null, maxCalls, minBulkShare, interactiveWait, System::nanoTime);
    }

    /**
     * Makes the call in the turn of the job whose {@link Ticket} this thread holds.
     *
     * @throws Throttled when an interactive job had no turn within its wait
     * @throws Withdrawn when the job was withdrawn, or its thread interrupted, before its turn came
     */
    public <T> T call(Supplier<T> call) {
        admit(Ticket.inHand());
        try {
            return call.get();
        } finally {
            release();
        }
    }

    /** Calls waiting for a turn. */
    public int waiting() {
        lock.lock();
        try {
            return line.size();
        } finally {
            lock.unlock();
        }
    }

    /** Calls running. */
    public int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    private void admit(Ticket ticket) {
        lock.lock();
        try {
            if (!ticket.mayStart()) {
                throw new Withdrawn(provider);
            }
            var waiter = new Waiter(ticket, deadline(ticket));
            line.add(waiter);
            awaitTurn(waiter);
        } finally {
            lock.unlock();
        }
    }

    private void awaitTurn(Waiter waiter) {
        try {
            while (true) {
                dispatch();
                if (waiter.state == State.ADMITTED) {
                    return;
                }
                if (waiter.state == State.TURNED_AWAY) {
                    throw new Withdrawn(provider);
                }
                long now = ticker.getAsLong();
                long untilDeadline = waiter.deadline == Waiter.NEVER ? Long.MAX_VALUE : waiter.deadline - now;
                if (untilDeadline <= 0) {
                    line.remove(waiter);
                    throw new Throttled(provider, interactiveWait);
                }
                changed.awaitNanos(Math.min(untilDeadline, untilNextTurn(now)));
            }
        } catch (InterruptedException e) {
            leave(waiter);
            Thread.currentThread().interrupt();
            throw new Withdrawn(provider);
        }
    }

    /** Gives turns while calls are free and the pace allows, in the line's order. */
    private void dispatch() {
        boolean moved = false;
        while (running < maxCalls && line.size() > 0) {
            long now = ticker.getAsLong();
            boolean due = pace == null || pace.nanosUntilNext(now) == 0;
            boolean early = !due && line.interactiveWaiting() && pace.mayBorrow(now);
            if (!due && !early) {
                break;
            }
            // Checked when the turn comes, since a job may have waited long: a canceled one spends no quota.
            moved |= line.removeIf(ProviderGate::turnedAway) > 0;
            var next = early ? line.nextInteractive() : line.next();
            if (next == null) {
                break;
            }
            moved = true;
            if (!next.ticket.start()) {
                next.state = State.TURNED_AWAY;
                continue;
            }
            next.state = State.ADMITTED;
            running++;
            if (early) {
                pace.borrow();
            } else if (pace != null) {
                pace.spend(now);
            }
        }
        if (moved) {
            changed.signalAll();
        }
    }

    private void release() {
        lock.lock();
        try {
            running--;
            dispatch();
            // Waiters that waited for a free call now wait for the pace instead.
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** An interrupted waiter gives back what it holds: its place in line, or the call it was just given. */
    private void leave(Waiter waiter) {
        if (waiter.state == State.ADMITTED) {
            running--;
            dispatch();
            changed.signalAll();
        } else {
            line.remove(waiter);
        }
    }

    private long untilNextTurn(long now) {
        // Without a free call, only a call's end (a signal) can bring a turn.
        return running < maxCalls && pace != null ? Math.max(1, pace.nanosUntilNext(now)) : Long.MAX_VALUE;
    }

    private long deadline(Ticket ticket) {
        return ticket.lane() == Lane.INTERACTIVE ? ticker.getAsLong() + interactiveWait.toNanos() : Waiter.NEVER;
    }

    private static boolean turnedAway(Waiter waiter) {
        if (waiter.ticket.mayStart()) {
            return false;
        }
        waiter.state = State.TURNED_AWAY;
        return true;
    }

    /** An interactive call had no turn within its wait: the provider's quota is taken. */
    public static final class Throttled extends RuntimeException {

        Throttled(String provider, Duration waited) {
            // Expected under load: no stack trace to fill.
            super("Provider '" + provider + "' had no free turn within " + waited.toSeconds() + " s", null, false,
                    false);
        }
    }

    /** The job was withdrawn, or its thread interrupted, before its turn came: it never called the provider. */
    public static final class Withdrawn extends RuntimeException {

        Withdrawn(String provider) {
            super("The job left the line for provider '" + provider + "' before its turn", null, false, false);
        }
    }
}
