package dev.imagepipeline.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Topics;

/**
 * A run's findings as tables a reader can check against the suite: written to a file of their own, and between the
 * suite's markers in {@code docs/reliability.md} when asked to.
 */
final class ReliabilityReport {

    static final String BEGIN = "<!-- fault-suite:begin -->";
    static final String END = "<!-- fault-suite:end -->";

    private ReliabilityReport() {
    }

    static String render(RunFacts facts) {
        var out = new StringBuilder();
        out.append(intro(facts)).append("\n\n");
        out.append(jobs(facts)).append('\n');
        out.append(faults(facts)).append('\n');
        out.append(malformed(facts)).append('\n');
        out.append(secretsAndProvider(facts));
        return out.toString();
    }

    private static String intro(RunFacts facts) {
        long seconds = facts.wallTime().toSeconds();
        return """
                Measured by `FaultInjectionIntegrationTests` in `reliability-tests` (`./mvnw -B verify` runs it) on %s, \
                with %d processors: a KRaft broker and the five services, each a JVM of its own, and a Replicate stub \
                that calls back through webhook-receiver; %d min %d s from the first process started to the last \
                one stopped. Settings that differ from the defaults: generation-worker's Replicate `read-timeout` %d s \
                and `max-wait` %d s, a Replicate quota of 60,000 calls a minute, consumers' `session.timeout.ms` 10 s, \
                and rate limits of 1,000,000 requests a minute. The steps of every job lost or reported twice, and its \
                predictions at the stub, are in `reliability-tests/target/reliability-evidence.txt` after a run.\
                """
                .formatted(facts.startedAt().atZone(ZoneOffset.UTC).toLocalDate(),
                        Runtime.getRuntime().availableProcessors(), seconds / 60, seconds % 60,
                        FaultRun.READ_TIMEOUT.toSeconds(), FaultRun.RUN_DEADLINE.toSeconds());
    }

    private static String jobs(RunFacts facts) {
        var jobs = facts.jobs();
        var outcomes = facts.outcomes();
        var provider = facts.provider();
        var table = new StringBuilder("| jobs | count |\n|---|---:|\n");
        row(table, "submitted: %,d single jobs, one request each, and a catalog of %,d items".formatted(jobs.singles(),
                jobs.catalogItems()), jobs.submitted());
        row(table, "accepted (`202`); requests the client sent again after a `5xx`, a `429` or no answer: %,d"
                .formatted(jobs.retries()), jobs.accepted());
        row(table, "not accepted within %d min of retries".formatted(Load.KEEP_TRYING.toMinutes()), jobs.notAccepted());
        outcomes.results().forEach((result, count) -> row(table, "ended `" + result + "`", count));
        row(table, "**lost**: accepted, and no terminal event", outcomes.lost().size());
        row(table, "**reported twice with different results**: another status, or another failure reason",
                outcomes.conflicting().size());
        row(table, "**reported twice with different results**: succeeded twice, with images at other addresses",
                outcomes.otherImages().size());
        row(table, "terminal event repeated (any result)", outcomes.repeated());
        row(table, "steps published after the job's terminal event (late progress)", outcomes.afterTerminal());
        row(table, "shown by result-notifier otherwise than by their first terminal event",
                facts.viewMismatches().size());
        row(table, "duplicate provider submissions: jobs with more than one prediction", provider.jobsSubmittedTwice());
        row(table, "predictions beyond each job's first (of them after a create whose answer never came: %,d)"
                .formatted(provider.afterLostAnswer()), provider.extraPredictions());
        if (!outcomes.examples().isEmpty()) {
            table.append("\nEach failure, with when it first came (counted from the first job) and a message: ");
            table.append(outcomes.examples()
                    .entrySet()
                    .stream()
                    .map(entry -> "`%s` from %s: \"%s\"".formatted(entry.getKey(),
                            since(facts.planStart(), outcomes.firstAt().get(entry.getKey())),
                            shortened(entry.getValue())))
                    .collect(Collectors.joining("; ")));
            table.append(".\n");
        }
        return table.toString();
    }

    private static String faults(RunFacts facts) {
        var table = new StringBuilder("| fault injected | times |\n|---|---:|\n");
        facts.faults().forEach((fault, times) -> row(table, fault, times));
        String timeline = facts.timeline()
                .stream()
                .map(done -> "%.0f s: %s%s".formatted(done.at(), done.step(),
                        done.took() >= 1 ? " (%.0f s)".formatted(done.took()) : "")
                        + (done.outcome().equals("done") ? "" : ", " + done.outcome()))
                .collect(Collectors.joining("; "));
        return table + "\nWhen, counted from the first job (how long a restart took until the process was ready): "
                + timeline + ".\n";
    }

    private static String malformed(RunFacts facts) {
        var table = new StringBuilder(
                "| topic | malformed records sent | on its `-dlt` | what became of them |\n" + "|---|---:|---:|---|\n");
        for (String topic : Topics.ALL) {
            long sent = facts.malformedSent(topic);
            var dead = facts.deadLetters().stream().filter(letters -> letters.topic().equals(topic)).findFirst();
            String fate = dead.isPresent()
                    ? deadLettered(dead.get(), namedJobEnds(facts, topic))
                    : skipped(facts, topic);
            table.append("| `%s` | %d | %s | %s |\n".formatted(topic, sent,
                    dead.map(letters -> Integer.toString(letters.held())).orElse("none"), fate));
        }
        return table.toString();
    }

    private static String deadLettered(DeadLetters letters, String ends) {
        var fate = new StringBuilder(letters.missing().isEmpty()
                ? "all dead-lettered"
                : "%d of %d dead-lettered".formatted(letters.sent() - letters.missing().size(), letters.sent()));
        if (!letters.copies().isEmpty()) {
            fate.append(", %d of them twice (read again after a restart)".formatted(letters.copies().size()));
        }
        if (!letters.foreign().isEmpty()) {
            fate.append("; %d other records too".formatted(letters.foreign().size()));
        }
        return fate + "; the jobs their keys name ended " + ends;
    }

    /** The results of the jobs the topic's malformed records named, each once. */
    private static String namedJobEnds(RunFacts facts, String topic) {
        return facts.namedJobEnds()
                .entrySet()
                .stream()
                .filter(entry -> entry.getKey().startsWith(topic + " "))
                .map(entry -> entry.getValue().isEmpty()
                        ? "without a terminal event"
                        : entry.getValue()
                                .stream()
                                .distinct()
                                .map(result -> "`" + result + "`")
                                .collect(Collectors.joining(" and ")))
                .collect(Collectors.joining(", "));
    }

    private static String skipped(RunFacts facts, String topic) {
        var readers = facts.skipped().getOrDefault(topic, Map.of());
        if (readers.isEmpty()) {
            return "no service logged one as skipped";
        }
        return "logged and skipped by " + readers.entrySet()
                .stream()
                .map(entry -> "%s (%d)".formatted(entry.getKey(), entry.getValue().size()))
                .collect(Collectors.joining(", "));
    }

    private static String secretsAndProvider(RunFacts facts) {
        var leaks = facts.leaks();
        var provider = facts.provider();
        var webhooks = provider.webhooks();
        return """
                Secrets (the API key, `REPLICATE_API_TOKEN`, `WEBHOOK_SECRET` and its key bytes) found **%d** times \
                in %,d log lines of the six processes, %,d records of every topic and dead-letter topic, and %,d \
                unsuccessful HTTP answers.

                The provider made %,d predictions (%,d without a webhook), answered %,d polls and %,d cancels, and \
                canceled %,d runs itself at their deadline; of its webhooks %,d were delivered, %,d sent again after \
                a failure, %,d refused and %,d given up.
                """.formatted(leaks.found().size(), leaks.lines(), leaks.records(), leaks.answers(),
                provider.predictions(), provider.unattributed(), provider.polls(), provider.cancels(),
                provider.expired(), webhooks.delivered(), webhooks.retried(), webhooks.refused(), webhooks.abandoned());
    }

    private static String since(Instant start, @Nullable Instant at) {
        return at == null ? "?" : "%.0f s".formatted(Duration.between(start, at).toMillis() / 1000.0);
    }

    private static String shortened(String text) {
        String line = text.replace('\n', ' ').replace("|", "\\|");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    private static void row(StringBuilder table, String what, long count) {
        table.append("| ").append(what).append(" | ").append(String.format(Locale.ROOT, "%,d", count)).append(" |\n");
    }

    /** The document with the section between the suite's markers replaced. */
    static String between(String document, String section) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("The document has no " + BEGIN + " … " + END + " section");
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + section.strip() + "\n" + document.substring(end);
    }

    /** Writes the section between the markers of the file, which must have them. */
    static void writeInto(Path file, String section) throws IOException {
        Files.writeString(file, between(Files.readString(file, StandardCharsets.UTF_8), section),
                StandardCharsets.UTF_8);
    }
}
