package dev.imagepipeline.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.imagepipeline.reliability.ScenarioResult.Figure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 9's prompt engine: what preparing one prompt costs, from prompt-worker's JMH {@code PromptEngineBenchmark},
 * which the {@code benchmarks} profile runs in prompt-worker's own build (JMH needs that module's test classes) and
 * which writes its results as JSON. This scenario reads them and sets each preparation against the benchmark's own
 * baseline, the plain template of the original specification filled in, measured in the same JMH run.
 */
final class PromptEngineScenario implements Scenario {

    static final String BASELINE = "baselineTemplate";
    /** What each benchmark method prepares. */
    private static final Map<String, String> LABELS = Map.of(BASELINE,
            "the original template filled in, no model shaping", "sdxlShortDescription",
            "SDXL, lifestyle, a short description", "fluxSchnellShortDescription",
            "FLUX.1 schnell, lifestyle, a short description", "sdxlLongDescriptionForAmazon",
            "SDXL, lifestyle, `amazon_main`, a 300-character description cut to fit");

    @Override
    public String id() {
        return "promptEngine";
    }

    @Override
    public String title() {
        return "Prompt engine: preparation cost per request (JMH)";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        Path results = results();
        if (!Files.isRegularFile(results)) {
            throw new IllegalStateException("No JMH results at " + results + ": the benchmarks profile writes them "
                    + "when it builds prompt-worker (./mvnw -B -Pbenchmarks -DskipTests verify, or alone: "
                    + "./mvnw -B -pl prompt-worker -Pbenchmarks -DskipTests verify)");
        }
        var runs = JsonMapper.builder().build().readTree(results.toFile());
        var scores = new LinkedHashMap<String, JsonNode>();
        runs.forEach(run -> {
            String name = run.get("benchmark").asString();
            scores.put(name.substring(name.lastIndexOf('.') + 1), run);
        });
        var baseline = scores.get(BASELINE);
        if (baseline == null) {
            throw new IllegalStateException("No " + BASELINE + " in " + results);
        }
        double base = micros(baseline);
        var figures = new ArrayList<Figure>();
        var notes = new ArrayList<String>();
        figures.add(Figure.of(label(BASELINE), base, "µs"));
        scores.forEach((name, run) -> {
            if (!name.equals(BASELINE)) {
                figures.add(Figure.of(label(name), micros(run), "µs").against(base));
            }
        });
        var errors = new ArrayList<String>();
        scores.forEach((name,
                run) -> errors.add("`%s` %.2f ± %.2f µs".formatted(name, micros(run),
                        micros(run) * run.path("primaryMetric").path("scoreError").asDouble()
                                / run.path("primaryMetric").path("score").asDouble())));
        notes.add("JMH's 99.9% confidence intervals: " + String.join("; ", errors) + ". A wide one means the machine "
                + "was busy while it measured.");
        return new ScenarioResult(id(), title(), setup(baseline, results), figures, notes);
    }

    private static Path results() {
        String given = System.getProperty("bench.prompt-engine.results", "");
        return given.isBlank()
                ? Path.of(System.getProperty("reliability.root", ".."), "prompt-worker", "target",
                        "jmh-prompt-engine.json")
                : Path.of(given);
    }

    private static double micros(JsonNode run) {
        var metric = run.get("primaryMetric");
        String unit = metric.get("scoreUnit").asString();
        double score = metric.get("score").asDouble();
        return switch (unit) {
            case "us/op" -> score;
            case "ns/op" -> score / 1000;
            case "ms/op" -> score * 1000;
            default -> throw new IllegalStateException("A score in " + unit);
        };
    }

    private static String label(String name) {
        return LABELS.getOrDefault(name, name);
    }

    private static String setup(JsonNode run, Path results) throws java.io.IOException {
        var age = Duration.between(Files.getLastModifiedTime(results).toInstant(), Instant.now());
        return ("`PromptEngineBenchmark` in prompt-worker, JMH %s on JDK %s: average time of one preparation, "
                + "%d fork, %d × %s measured after %d × %s warm-up, one thread. Baseline: the original "
                + "specification's plain template filled in, in the same JMH run. Results written %d min before "
                + "this report.").formatted(run.path("jmhVersion").asString(), run.path("jdkVersion").asString(),
                        run.path("forks").asInt(), run.path("measurementIterations").asInt(),
                        run.path("measurementTime").asString(), run.path("warmupIterations").asInt(),
                        run.path("warmupTime").asString(), age.toMinutes());
    }
}
