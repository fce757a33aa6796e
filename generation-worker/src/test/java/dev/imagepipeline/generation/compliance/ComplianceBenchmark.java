package dev.imagepipeline.generation.compliance;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.local.LocalPreviewProvider;

/**
 * What the compliance checks cost per image and per megapixel, beside what the local renderer takes to draw the same
 * image. The image is the renderer's {@code minimal} layout for {@code amazon_main}: its near-white background fails
 * the background rule, so the fix snaps it and checks the copy again. Not a test: run it with
 * {@code ./mvnw -B -pl generation-worker -Pbenchmarks -DskipTests verify}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ComplianceBenchmark {

    @Param({"1024", "2048"})
    int side;

    private final ComplianceChecker checker = ComplianceChecker.withDefaults();
    private final LocalPreviewProvider renderer = new LocalPreviewProvider();
    private GenerationOrder order;
    private RenderedImage rendered;
    private BufferedImage decoded;

    @Setup(Level.Trial)
    public void render() {
        order = new GenerationOrder(JobId.random(), "preview", "a dripper", "",
                new ModelSettings(side, side, 1, null, null, 42), "ceramic pour-over coffee dripper",
                Category.KITCHENWARE, Style.MINIMAL, Marketplace.AMAZON_MAIN);
        rendered = draw().images().getFirst();
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(rendered.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict alone, on a decoded image. */
    @Benchmark
    public Object check() {
        return checker.check(decoded, Marketplace.AMAZON_MAIN);
    }

    /** The verdict, the fix of a copy and the copy's verdict, on a decoded image. */
    @Benchmark
    public Object checkAndFix() {
        return checker.inspect(decoded, Marketplace.AMAZON_MAIN, true);
    }

    /** What a job pays: the provider's PNG decoded, checked, fixed, and the copy encoded as a PNG. */
    @Benchmark
    public Object checkAndFixPng() {
        return checker.inspect(rendered, Marketplace.AMAZON_MAIN, true);
    }

    /** The local renderer drawing the same image and encoding it as a PNG, for comparison. */
    @Benchmark
    public Object renderLocally() {
        return draw();
    }

    private GeneratedBatch draw() {
        return renderer.generate(order, (percent, message) -> {
        });
    }

    @Test
    void run() throws RunnerException {
        new Runner(new OptionsBuilder().include(ComplianceBenchmark.class.getName() + "\\.")
                .result("target/jmh-compliance.json")
                .resultFormat(ResultFormatType.JSON)
                .build()).run();
    }
}
