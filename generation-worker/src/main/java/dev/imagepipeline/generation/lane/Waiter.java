package dev.imagepipeline.generation.lane;

/** One provider call waiting in its provider's line: whose it is, and until when it may wait. */
final class Waiter {

    /** What became of the call's wait. */
    enum State {
        WAITING,
        /** It holds one of the provider's calls and may go ahead. */
        ADMITTED,
        /** Its job was withdrawn before it started: its catalog was canceled, or the worker stops. */
        TURNED_AWAY
    }

    /** A deadline that never comes. */
    static final long NEVER = Long.MAX_VALUE;

    final Ticket ticket;
    /** A {@link System#nanoTime()} reading, or {@link #NEVER}. */
    final long deadline;
    State state = State.WAITING;

    Waiter(Ticket ticket, long deadline) {
        this.ticket = ticket;
        this.deadline = deadline;
    }
}
