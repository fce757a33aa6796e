package dev.imagepipeline.allinone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges each answer the fuzz gets and tallies them by endpoint: a {@code 5xx}, an error that is not
 * {@code application/problem+json} with a readable title or detail, no answer at all, or a problem that calls valid
 * JSON invalid, is a violation. Writes the tally as the table of {@code docs/reliability.md}.
 */
final class FuzzReport {

    static final String BEGIN = "<!-- fuzz:begin -->";
    static final String END = "<!-- fuzz:end -->";

    private final JsonMapper json = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();

    /** What one endpoint answered. */
    private static final class Tally {

        int inputs;
        int succeeded;
        int problems;
        int otherErrors;
        int serverErrors;
        int unanswered;
        final Map<Integer, Integer> statuses = new TreeMap<>();
    }

    void record(FuzzRequest request, RawHttp.Response response) {
        var tally = tally(request.endpoint());
        tally.statuses.merge(response.status(), 1, Integer::sum);
        int status = response.status();
        if (status >= 500) {
            tally.serverErrors++;
            violation(request, response, "answered " + status);
        } else if (status >= 400) {
            String wrong = notAProblem(request, response);
            if (wrong == null) {
                wrong = misleading(request, response);
            }
            if (wrong == null) {
                tally.problems++;
            } else {
                tally.otherErrors++;
                violation(request, response, wrong);
            }
        } else {
            tally.succeeded++;
        }
    }

    void unanswered(FuzzRequest request, Exception failure) {
        tally(request.endpoint()).unanswered++;
        violations.add("%s (%s): no answer: %s%n%s".formatted(request.endpoint(), request.input(), failure,
                request.reproducer()));
    }

    List<String> violations() {
        return violations;
    }

    int inputs() {
        return tallies.values().stream().mapToInt(tally -> tally.inputs).sum();
    }

    /** Why this error is not a readable problem, or {@code null} when it is one. */
    private @Nullable String notAProblem(FuzzRequest request, RawHttp.Response response) {
        String type = response.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return "an error as " + type + ", not application/problem+json";
        }
        if (request.method().equals("HEAD")) {
            // The answer to HEAD has the head of the answer to GET, and no body to read.
            return null;
        }
        JsonNode problem;
        try {
            problem = json.readTree(response.body());
        } catch (JacksonException e) {
            return "a problem that is not JSON";
        }
        if (problem == null || !problem.isObject()) {
            return "a problem that is not a JSON object";
        }
        if (problem.has("status") && problem.get("status").asInt() != response.status()) {
            return "a problem whose status is " + problem.get("status") + ", not " + response.status();
        }
        if (problem.path("title").asString("").isBlank() && problem.path("detail").asString("").isBlank()) {
            return "a problem without a title or a detail";
        }
        return null;
    }

    /** A problem that calls a well-formed JSON body invalid sends its client looking in the wrong place. */
    private @Nullable String misleading(FuzzRequest request, RawHttp.Response response) {
        if (!response.text().contains("not valid JSON") || request.body().length == 0) {
            return null;
        }
        try {
            // From the bytes: Jackson checks their UTF-8, which decoding to a String would repair.
            var parsed = json.readTree(request.body());
            return parsed == null || parsed.isMissingNode()
                    ? null
                    : "a problem calling a well-formed JSON body invalid";
        } catch (JacksonException e) {
            return null;
        }
    }

    private void violation(FuzzRequest request, RawHttp.Response response, String why) {
        String body = response.text();
        violations.add("%s (%s): %s%n%s%n→ %d %s%n".formatted(request.endpoint(), request.input(), why,
                request.reproducer(), response.status(), body.substring(0, Math.min(body.length(), 300))));
    }

    private Tally tally(String endpoint) {
        var tally = tallies.computeIfAbsent(endpoint, name -> new Tally());
        tally.inputs++;
        return tally;
    }

    /** The table and what it says, for the section of {@code docs/reliability.md} between the markers. */
    String markdown(long seed, long seconds, String afterwards) {
        var text = new StringBuilder();
        text.append(wrapped("""
                `BadInputFuzzIntegrationTests` (all-in-one) sends %,d generated requests (seed %d) to every endpoint \
                of the runner, with its real broker, two API keys and the local renderer: valid requests with their \
                JSON, NDJSON or CSV bodies truncated, of the wrong type, huge, deeply nested, out of range, with keys \
                repeated, full of control characters, invalid UTF-8 and other hostile text; wrong or missing \
                `Content-Type`, `Accept`, `Authorization`, `Idempotency-Key`, `Prefer`, `Last-Event-ID` and webhook \
                signature headers; ids, `wait=`, `format=` and `catalog=` that are no ids or name nothing; bodies past \
                each size limit; signed webhook deliveries with broken bodies; other paths and methods; and requests \
                that are not well-formed HTTP. The valid request comes now and then as a control, and each catalog the \
                fuzz gets accepted is canceled at once (counted with the cancels). The runner's catalog limits are \
                lowered (256 KB, 50 items) so that going past them is cheap. A `5xx`, an error that is not \
                `application/problem+json` with a title or detail, no answer, or a problem calling well-formed JSON \
                invalid fails the test. This run took %d s; `-Dfuzz.seed=<n>` sends other inputs, and \
                `-Dfuzz.report=<file>` rewrites this section of that file.""".formatted(inputs(), seed, seconds)))
                .append("""


                        | endpoint | inputs | 2xx | 4xx, problem+json | 4xx, other | 5xx | no answer | statuses |
                        |---|--:|--:|--:|--:|--:|--:|---|
                        """);
        var total = new Tally();
        tallies.forEach((endpoint, tally) -> {
            text.append(row("`" + endpoint + "`", tally));
            total.inputs += tally.inputs;
            total.succeeded += tally.succeeded;
            total.problems += tally.problems;
            total.otherErrors += tally.otherErrors;
            total.serverErrors += tally.serverErrors;
            total.unanswered += tally.unanswered;
            tally.statuses.forEach((status, count) -> total.statuses.merge(status, count, Integer::sum));
        });
        text.append(row("**all**", total)).append('\n').append(wrapped(afterwards)).append('\n');
        return text.toString();
    }

    /** Markdown text broken into lines of at most 100 characters, as the docs are written. */
    private static String wrapped(String paragraph) {
        var lines = new StringBuilder();
        int start = 0;
        for (String word : paragraph.split(" ")) {
            if (lines.length() - start + word.length() >= 100) {
                lines.setCharAt(lines.length() - 1, '\n');
                start = lines.length();
            }
            lines.append(word).append(' ');
        }
        return lines.toString().stripTrailing();
    }

    private static String row(String name, Tally tally) {
        String statuses = tally.statuses.entrySet()
                .stream()
                .map(entry -> entry.getKey() + "×" + entry.getValue())
                .collect(Collectors.joining(", "));
        return "| %s | %d | %d | %d | %d | %d | %d | %s |%n".formatted(name, tally.inputs, tally.succeeded,
                tally.problems, tally.otherErrors, tally.serverErrors, tally.unanswered, statuses);
    }

    /**
     * Puts the section between the markers of the file that {@code -Dfuzz.report} names, or writes it alone to
     * {@code target/fuzz-report.md}.
     */
    static Path write(String section) throws IOException {
        String named = System.getProperty("fuzz.report");
        if (named == null || named.isBlank()) {
            var report = Path.of("target", "fuzz-report.md");
            Files.createDirectories(report.getParent());
            return Files.writeString(report, BEGIN + "\n" + section + END + "\n");
        }
        var doc = Path.of(named);
        String text = Files.readString(doc);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(doc + " has no " + BEGIN + " … " + END + " section");
        }
        return Files.writeString(doc, text.substring(0, begin + BEGIN.length()) + "\n" + section + text.substring(end));
    }
}
