package dev.imagepipeline.prompt.engine;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;

/**
 * What preparing one prompt costs, against the original specification's plain template filled in the same run. Not a
 * test: run it with {@code ./mvnw -pl prompt-worker -am test -Dtest=PromptEngineBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PromptEngineBenchmark {

    private static final String SHORT = "ceramic pour-over coffee dripper, matte black";
    private static final String LONG = "hand-thrown stoneware coffee mug with a speckled oatmeal glaze, a comfortable "
            + "loop handle, a slightly flared rim, an unglazed foot ring showing the raw clay, holds twelve ounces, "
            + "dishwasher and microwave safe, thrown on a kick wheel and fired twice in a wood kiln, each one unique";

    private final PromptEngine engine = new PromptEngine();
    private final ModelTarget sdxl = ModelCatalog.resolve("replicate", "sdxl");
    private final ModelTarget fluxSchnell = ModelCatalog.resolve("replicate", "flux-schnell");

    /** The original specification's prompt: the template, the style's modifiers and the quality terms, joined. */
    @Benchmark
    public String baselineTemplate() {
        return String.join(", ", PromptEngine.BASE_TEMPLATE.formatted(SHORT),
                String.join(", ", StyleProfile.of(Style.STUDIO).modifiers()),
                String.join(", ", PromptEngine.QUALITY_TERMS));
    }

    @Benchmark
    public PreparedPrompt sdxlShortDescription() {
        return engine.prepare(request(SHORT, null), sdxl);
    }

    @Benchmark
    public PreparedPrompt sdxlLongDescriptionForAmazon() {
        return engine.prepare(request(LONG, Marketplace.AMAZON_MAIN), sdxl);
    }

    @Benchmark
    public PreparedPrompt fluxSchnellShortDescription() {
        return engine.prepare(request(SHORT, null), fluxSchnell);
    }

    private static PromptRequest request(String description, Marketplace marketplace) {
        return new PromptRequest(description, null, Category.KITCHENWARE, Style.LIFESTYLE, marketplace,
                Resolution.R1024, null);
    }

    @Test
    void run() throws RunnerException {
        new Runner(new OptionsBuilder().include(PromptEngineBenchmark.class.getName() + "\\.")
                .result("target/jmh-prompt-engine.json")
                .resultFormat(ResultFormatType.JSON)
                .build()).run();
    }
}
