package dev.imagepipeline.generation.lane;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Lane;

/**
 * A job's place in the providers' lines: its lane, its client, and whether it has started. A job holds its ticket while
 * it runs, so that every provider call it makes, retries and fallbacks included, waits in line as that job.
 */
public final class Ticket {

    /** Set by the job's own thread around its work; each job runs on a thread of its own. */
    private static final ThreadLocal<Ticket> HELD = new ThreadLocal<>();
    /** The client of bulk jobs that name none: they take their turns together, as one client. */
    private static final Object NO_CLIENT = "no client";

    private enum State {
        WAITING,
        STARTED,
        WITHDRAWN
    }

    private final Lane lane;
    private final Object client;
    private final BooleanSupplier canceled;
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);

    private Ticket(Lane lane, Object client, BooleanSupplier canceled) {
        this.lane = lane;
        this.client = client;
        this.canceled = canceled;
    }

    /**
     * @param client whose bulk jobs take turns with other clients' (a catalog); absent for a job of no client
     * @param canceled whether the job is no longer to start, such as a job whose catalog was canceled; asked until it
     *        starts
     */
    public static Ticket of(Lane lane, @Nullable Object client, BooleanSupplier canceled) {
        return new Ticket(lane, client == null ? NO_CLIENT : client, canceled);
    }

    /** What a provider call made outside any job waits as: interactive, never withdrawn. */
    public static Ticket interactive() {
        return of(Lane.INTERACTIVE, null, () -> false);
    }

    /** Does the work holding this ticket: the provider calls it makes on this thread wait in line as this job. */
    public <T> T holding(Supplier<T> work) {
        HELD.set(this);
        try {
            return work.get();
        } finally {
            HELD.remove();
        }
    }

    /** Whether the job had its first turn at a provider: from then on it runs to its end. */
    public boolean started() {
        return state.get() == State.STARTED;
    }

    /** Whether the job was withdrawn before it started, and so never called a provider. */
    public boolean withdrawn() {
        return state.get() == State.WITHDRAWN;
    }

    /** Withdraws the job if it has not started; a job waiting in line then leaves it. */
    public boolean withdraw() {
        return state.compareAndSet(State.WAITING, State.WITHDRAWN) || withdrawn();
    }

    static Ticket inHand() {
        var ticket = HELD.get();
        return ticket == null ? interactive() : ticket;
    }

    Lane lane() {
        return lane;
    }

    Object client() {
        return client;
    }

    /** Whether the job may still have a turn; one that has not started is withdrawn once it is canceled. */
    boolean mayStart() {
        return switch (state.get()) {
            case STARTED -> true;
            case WITHDRAWN -> false;
            case WAITING -> !(canceled.getAsBoolean() && withdraw());
        };
    }

    /** Marks the job started at its first turn; false when it was withdrawn first. */
    boolean start() {
        return state.compareAndSet(State.WAITING, State.STARTED) || started();
    }
}
