package dev.imagepipeline.generation.lane;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Lane;

/**
 * The order in which a provider's waiting calls get their turns: interactive ones first, in arrival order, unless the
 * bulk lane has had less than its minimum share of the recent turns; and bulk calls take turns by client (a catalog),
 * so one client's backlog does not hold another's behind it. Not thread-safe: its gate guards it.
 */
final class Line {

    /** Below one by a rounding error's margin, so that five shares of 0.2 make a whole turn. */
    private static final double WHOLE_TURN = 1 - 1e-9;

    private final double minBulkShare;
    private final ArrayDeque<Waiter> interactive = new ArrayDeque<>();
    /** Each client's waiting calls; the first entry is the client whose turn is next. */
    private final Map<Object, ArrayDeque<Waiter>> bulk = new LinkedHashMap<>();
    /** The turns the bulk lane is owed, between none and one. */
    private double bulkCredit;
    private int size;

    Line(double minBulkShare) {
        this.minBulkShare = minBulkShare;
    }

    void add(Waiter waiter) {
        if (waiter.ticket.lane() == Lane.INTERACTIVE) {
            interactive.add(waiter);
        } else {
            // A client that was not waiting joins the end of the round.
            bulk.computeIfAbsent(waiter.ticket.client(), client -> new ArrayDeque<>()).add(waiter);
        }
        size++;
    }

    /** Takes the waiter whose turn is next off the line; {@code null} when none waits. */
    @Nullable
    Waiter next() {
        if (size == 0) {
            return null;
        }
        // Every turn owes the bulk lane its share of a turn, and a bulk turn pays a whole one. Kept within one turn
        // either way, neither lane banks turns: interactive jobs that come now and then always go first, and only a
        // steady stream of them leaves the bulk lane owed a turn.
        bulkCredit = Math.min(1, bulkCredit + minBulkShare);
        boolean bulkTurn = !bulk.isEmpty() && (interactive.isEmpty() || bulkCredit >= WHOLE_TURN);
        if (bulkTurn) {
            bulkCredit = Math.max(0, bulkCredit - 1);
        }
        return take(bulkTurn ? nextBulk() : interactive.poll());
    }

    /** Whether an interactive call waits. */
    boolean interactiveWaiting() {
        return !interactive.isEmpty();
    }

    /**
     * Takes the first interactive waiter off the line for a turn borrowed ahead of the pace. It counts as a turn like
     * any other, so it owes the bulk lane its share: a steady stream of interactive jobs borrowing cannot starve it.
     */
    @Nullable
    Waiter nextInteractive() {
        var waiter = take(interactive.poll());
        if (waiter != null) {
            bulkCredit = Math.min(1, bulkCredit + minBulkShare);
        }
        return waiter;
    }

    /** Takes every waiter that matches off the line, and says how many left. */
    int removeIf(Predicate<Waiter> leaving) {
        int left = count(interactive, leaving);
        var clients = bulk.values().iterator();
        while (clients.hasNext()) {
            var waiters = clients.next();
            left += count(waiters, leaving);
            if (waiters.isEmpty()) {
                clients.remove();
            }
        }
        size -= left;
        return left;
    }

    void remove(Waiter waiter) {
        removeIf(other -> other == waiter);
    }

    int size() {
        return size;
    }

    private Waiter nextBulk() {
        var first = bulk.entrySet().iterator().next();
        var waiters = first.getValue();
        var waiter = waiters.poll();
        // The client goes to the end of the round, or leaves it when it has no one left waiting.
        bulk.remove(first.getKey());
        if (!waiters.isEmpty()) {
            bulk.put(first.getKey(), waiters);
        }
        return waiter;
    }

    private @Nullable Waiter take(@Nullable Waiter waiter) {
        if (waiter != null) {
            size--;
        }
        return waiter;
    }

    private static int count(ArrayDeque<Waiter> waiters, Predicate<Waiter> leaving) {
        int before = waiters.size();
        waiters.removeIf(leaving);
        return before - waiters.size();
    }
}
