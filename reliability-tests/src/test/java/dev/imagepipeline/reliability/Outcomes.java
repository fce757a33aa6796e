package dev.imagepipeline.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.imagepipeline.reliability.Ledger.Event;

/**
 * What the completion topic says became of the accepted jobs. A job's result is its terminal event's type, with the
 * reason of a failure; a job reported twice with different results has two terminal events with different results.
 *
 * @param lost accepted jobs without a terminal event
 * @param conflicting jobs with more than one result, each with its steps in the order the topic holds them
 * @param repeated jobs with more than one terminal event, whatever they say
 * @param otherImages jobs that succeeded more than once, with images at other addresses
 * @param afterTerminal progress and other steps published after a job's terminal event
 * @param results how many jobs ended with each result, by their first terminal event
 * @param examples a message of each failure, by result
 * @param firstAt when each result was first reported, by the event's own time
 */
record Outcomes(List<String> lost, Map<String, List<String>> conflicting, int repeated, List<String> otherImages,
        int afterTerminal, Map<String, Integer> results, Map<String, String> examples, Map<String, Instant> firstAt) {

    static Outcomes of(Set<String> accepted, Map<String, List<Event>> events) {
        var lost = new ArrayList<String>();
        var conflicting = new LinkedHashMap<String, List<String>>();
        var results = new TreeMap<String, Integer>();
        var examples = new TreeMap<String, String>();
        var firstAt = new TreeMap<String, Instant>();
        var otherImages = new ArrayList<String>();
        int repeated = 0;
        int afterTerminal = 0;
        for (String job : accepted.stream().sorted().toList()) {
            var all = events.getOrDefault(job, List.of());
            var terminal = all.stream().filter(Event::terminal).toList();
            if (terminal.isEmpty()) {
                lost.add(job);
                continue;
            }
            var first = terminal.getFirst();
            results.merge(result(first), 1, Integer::sum);
            if (first.message() != null) {
                examples.putIfAbsent(result(first), first.message());
            }
            if (first.at() != null) {
                firstAt.merge(result(first), first.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
            if (terminal.stream().map(Outcomes::result).distinct().count() > 1) {
                conflicting.put(job, steps(all));
            }
            repeated += terminal.size() > 1 ? 1 : 0;
            if (succeededWithOtherImages(terminal)) {
                otherImages.add(job);
            }
            afterTerminal += (int) all.subList(all.indexOf(first) + 1, all.size())
                    .stream()
                    .filter(event -> !event.terminal() && !event.type().equals("?"))
                    .count();
        }
        return new Outcomes(lost, conflicting, repeated, otherImages, afterTerminal, results, examples, firstAt);
    }

    /** How a terminal event reads to a client: succeeded, canceled, or failed with its reason. */
    static String result(Event event) {
        return event.type().equals("failed") ? "failed: " + event.reason() : event.type();
    }

    /** A job's steps as the topic holds them, each failure with its reason. */
    static List<String> steps(List<Event> events) {
        return events.stream().map(event -> event.terminal() ? result(event) : event.type()).toList();
    }

    private static boolean succeededWithOtherImages(List<Event> terminal) {
        var images = new LinkedHashSet<List<String>>();
        terminal.stream()
                .filter(event -> event.type().equals("succeeded"))
                .forEach(event -> images.add(event.images()));
        return images.size() > 1;
    }
}
