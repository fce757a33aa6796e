package dev.imagepipeline.reliability;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * How long jobs waited, from the moment their request was sent to an event of theirs on the completion topic, by the
 * event's own time ({@code at}): the services and the benchmark share this machine's clock.
 */
final class Waits {

    private Waits() {
    }

    static final Predicate<Ledger.Event> TERMINAL = Ledger.Event::terminal;

    static Predicate<Ledger.Event> type(String type) {
        return event -> event.type().equals(type);
    }

    /** Waits until every job has ended, or the time is up; returns how many did. */
    static int awaitEnded(Ledger ledger, Map<String, Instant> sent, Duration within) {
        try {
            await().atMost(within)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> ledger.ended(sent.keySet()) == sent.size());
        } catch (ConditionTimeoutException e) {
            // Reported by the count.
        }
        return ledger.ended(sent.keySet());
    }

    /** Each job's time, in ms, from its first event that matches {@code from} to its first that matches {@code to}. */
    static List<Double> between(Ledger ledger, Set<String> jobs, Predicate<Ledger.Event> from,
            Predicate<Ledger.Event> to) {
        var events = ledger.events();
        var times = new ArrayList<Double>();
        for (String job : jobs) {
            var ofJob = events.getOrDefault(job, List.of());
            var start = first(ofJob, from);
            var end = first(ofJob, to);
            if (start != null && end != null) {
                times.add(Duration.between(start, end).toNanos() / 1e6);
            }
        }
        return times;
    }

    private static @Nullable Instant first(List<Ledger.Event> events, Predicate<Ledger.Event> matching) {
        return events.stream().filter(matching).map(Ledger.Event::at).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Each job's wait, in ms, until its first event that matches; jobs without one are left out. */
    static List<Double> until(Ledger ledger, Map<String, Instant> sent, Predicate<Ledger.Event> event) {
        var events = ledger.events();
        var waits = new ArrayList<Double>();
        sent.forEach((job, at) -> events.getOrDefault(job, List.of())
                .stream()
                .filter(event)
                .filter(found -> found.at() != null)
                .findFirst()
                .ifPresent(found -> waits.add(Duration.between(at, found.at()).toNanos() / 1e6)));
        return waits;
    }
}
