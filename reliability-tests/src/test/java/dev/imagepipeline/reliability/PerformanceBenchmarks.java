package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 9's benchmarks, run by {@code ./mvnw -B -Pbenchmarks -DskipTests verify} (failsafe, in the {@code benchmarks}
 * profile only: they need a quiet machine and take minutes each). One scenario alone:
 * {@code -Dit.test=PerformanceBenchmarks#overhead}. Each scenario's result goes to {@code target/benchmarks.json} and
 * {@code target/benchmarks.md} as it ends, and into {@code docs/benchmarks.md} (and {@code docs/benchmarks.json}
 * beside it), replacing only that scenario's last result; {@code -Dbenchmarks.report=} leaves the docs alone.
 *
 * <p>
 * These are measurements, not tests: a missed goal is reported, never failed. A scenario fails only when it could not
 * measure (the pipeline did not start, a job never ended).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerformanceBenchmarks {

    private BenchContext context;

    @BeforeAll
    void prepare() {
        Path target = Path.of(System.getProperty("reliability.target", "target"));
        Path jars = Path.of(System.getProperty("reliability.services", target.resolve("services").toString()));
        context = new BenchContext(jars, target);
    }

    private void measure(Scenario scenario) throws Exception {
        var result = scenario.run(context);
        assertThat(result.figures()).as("figures of %s", scenario.id()).isNotEmpty();
        BenchmarkReport.record(result, context.target().resolve("benchmarks.json"),
                context.target().resolve("benchmarks.md"));
        String into = System.getProperty("benchmarks.report", "");
        if (!into.isBlank()) {
            Path markdown = Path.of(System.getProperty("reliability.root", ".")).resolve(into);
            BenchmarkReport.record(result, markdown.resolveSibling("benchmarks.json"), markdown);
        }
        System.out.println(BenchmarkReport.render(java.util.Map.of(result.id(),
                new BenchmarkReport.Entry(result, java.time.Instant.now(), BenchmarkReport.Machine.here()))));
    }

    @Test
    void overhead() throws Exception {
        measure(new OverheadScenario());
    }

    @Test
    void provider() throws Exception {
        measure(new ProviderScenario());
    }

    @Test
    void throughput() throws Exception {
        measure(new ThroughputScenario());
    }

    @Test
    void fanout() throws Exception {
        measure(new FanoutScenario());
    }

    @Test
    void fairness() throws Exception {
        measure(new FairnessScenario());
    }

    @Test
    void startup() throws Exception {
        measure(new StartupScenario());
    }

    @Test
    void promptEngine() throws Exception {
        measure(new PromptEngineScenario());
    }
}
