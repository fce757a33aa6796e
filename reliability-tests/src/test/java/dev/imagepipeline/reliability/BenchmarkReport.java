package dev.imagepipeline.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
/**
 * Keeps every scenario's last result in a JSON file ({@code benchmarks.json}), merged by scenario, so that one scenario
 * run alone replaces only its own; and renders all of them as the tables of {@code benchmarks.md}, between its markers.
 */
final class BenchmarkReport {

    static final String BEGIN = "<!-- benchmarks:begin -->";
    static final String END = "<!-- benchmarks:end -->";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private BenchmarkReport() {
    }

    /** The machine a result was measured on. */
    record Machine(int processors, long memoryMb, String cpu, String java, String os) {

        static Machine here() {
            return new Machine(Runtime.getRuntime().availableProcessors(), totalMemoryMb(), cpuModel(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"));
        }

        private static long totalMemoryMb() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            return os instanceof com.sun.management.OperatingSystemMXBean sun
                    ? sun.getTotalMemorySize() / (1024 * 1024)
                    : -1;
        }

        private static String cpuModel() {
            try {
                return Files.readAllLines(Path.of("/proc/cpuinfo"))
                        .stream()
                        .filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).trim())
                        .findFirst()
                        .orElse("unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    /** A scenario's last result, with when and where it was measured. */
    record Entry(ScenarioResult result, Instant measuredAt, Machine machine) {
    }

    /** Every scenario's last result, by id. */
    record Results(Map<String, Entry> scenarios) {
    }

    /**
     * Merges the result into {@code json} (made when missing) and renders every result held there into {@code markdown}
     * between the markers (the markers are appended when missing; the file is made when missing).
     */
    static void record(ScenarioResult result, Path json, Path markdown) throws IOException {
        var results = Files.exists(json) ? JSON.readValue(json.toFile(), Results.class) : new Results(Map.of());
        var scenarios = new TreeMap<>(results.scenarios());
        scenarios.put(result.id(), new Entry(result, Instant.now(), Machine.here()));
        Files.createDirectories(json.toAbsolutePath().getParent());
        JSON.writeValue(json.toFile(), new Results(scenarios));
        String text = Files.exists(markdown)
                ? Files.readString(markdown, StandardCharsets.UTF_8)
                : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        Files.writeString(markdown, between(text, render(scenarios)), StandardCharsets.UTF_8);
    }

    static String render(Map<String, Entry> scenarios) {
        return scenarios.values().stream().map(BenchmarkReport::render).collect(Collectors.joining("\n"));
    }

    private static String render(Entry entry) {
        var result = entry.result();
        var out = new StringBuilder("### ").append(result.title()).append("\n\n");
        out.append("Measured %s on %d processors (%s), %,d MB, %s. %s\n\n".formatted(
                DateTimeFormatter.ISO_LOCAL_DATE.format(entry.measuredAt().atZone(ZoneOffset.UTC)),
                entry.machine().processors(), entry.machine().cpu(), entry.machine().memoryMb(), entry.machine().java(),
                result.setup()));
        out.append("| figure | value | baseline | ratio | goal | met |\n|---|---:|---:|---:|---|:-:|\n");
        for (var figure : result.figures()) {
            out.append(
                    "| %s | %s | %s | %s | %s | %s |\n".formatted(figure.name(), number(figure.value(), figure.unit()),
                            figure.baseline() == null ? "" : number(figure.baseline(), figure.unit()),
                            figure.ratio() == null ? "" : "%.2f×".formatted(figure.ratio()),
                            figure.goal() == null ? "" : figure.goal().text(),
                            figure.goal() == null ? "" : figure.goal().met() ? "yes" : "**no**"));
        }
        result.notes().forEach(note -> out.append("\n").append(note).append('\n'));
        return out.toString();
    }

    private static String number(double value, String unit) {
        String digits = Math.abs(value) >= 100 || value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.2f", value);
        return unit.isEmpty() ? digits : digits + " " + unit;
    }

    static String between(String text, String section) {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            return text + "\n" + BEGIN + "\n" + section + END + "\n";
        }
        return text.substring(0, begin + BEGIN.length()) + "\n" + section + text.substring(end);
    }
}
