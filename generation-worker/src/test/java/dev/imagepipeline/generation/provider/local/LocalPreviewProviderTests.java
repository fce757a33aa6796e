package dev.imagepipeline.generation.provider.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ProviderException;

class LocalPreviewProviderTests {

    private static final String DESCRIPTION = "ceramic pour-over coffee dripper, matte black";

    private final LocalPreviewProvider provider = new LocalPreviewProvider();

    @ParameterizedTest
    @EnumSource(Resolution.class)
    void drawsPngsOfTheRequestedSize(Resolution resolution) {
        var batch = generate(order(Style.STUDIO, resolution.width(), resolution.height(), 2, 42));

        assertThat(batch.images()).hasSize(2).allSatisfy(image -> {
            assertThat(image.contentType()).isEqualTo("image/png");
            assertThat(image.width()).isEqualTo(resolution.width());
            assertThat(image.height()).isEqualTo(resolution.height());
            var picture = decode(image.bytes());
            assertThat(picture.getWidth()).isEqualTo(resolution.width());
            assertThat(picture.getHeight()).isEqualTo(resolution.height());
        });
    }

    @Test
    void drawsAsManyImagesAsOrdered() {
        assertThat(generate(order(Style.MINIMAL, 512, 512, 4, 1)).images()).hasSize(4);
    }

    @Test
    void drawsNonSquareImages() {
        var picture = decode(generate(order(Style.LIFESTYLE, 768, 512, 1, 1)).images().get(0).bytes());

        assertThat(picture.getWidth()).isEqualTo(768);
        assertThat(picture.getHeight()).isEqualTo(512);
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void drawsIdenticalBytesForTheSameSeed(Style style) {
        var first = generate(order(style, 512, 512, 2, 42));
        var second = generate(order(style, 512, 512, 2, 42));

        assertThat(first.images().get(0).bytes()).isEqualTo(second.images().get(0).bytes());
        assertThat(first.images().get(1).bytes()).isEqualTo(second.images().get(1).bytes());
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void drawsDifferentImagesForDifferentSeeds(Style style) {
        var first = generate(order(style, 512, 512, 1, 42)).images().get(0);
        var second = generate(order(style, 512, 512, 1, 4242)).images().get(0);

        assertThat(first.bytes()).isNotEqualTo(second.bytes());
    }

    @Test
    void drawsEachImageOfABatchFromTheNextSeed() {
        var batch = generate(order(Style.FLAT_LAY, 512, 512, 2, 42));
        var alone = generate(order(Style.FLAT_LAY, 512, 512, 1, 43));

        assertThat(batch.images().get(0).bytes()).isNotEqualTo(batch.images().get(1).bytes());
        assertThat(batch.images().get(1).bytes()).isEqualTo(alone.images().get(0).bytes());
    }

    @Test
    void reportsTheModelAndSeedWithoutWarnings() {
        var batch = generate(order(Style.STUDIO, 512, 512, 1, 42));

        assertThat(batch.model()).isEqualTo("preview");
        assertThat(batch.seed()).isEqualTo(42);
        assertThat(batch.warnings()).isEmpty();
    }

    @Test
    void warnsThatAnotherModelWasNotAvailable() {
        var order = order(Style.STUDIO, 512, 512, 1, 42);
        var elsewhere = new GenerationOrder(order.jobId(), "flux-schnell", order.prompt(), order.negativePrompt(),
                order.settings(), order.description(), order.category(), order.style());

        var batch = generate(elsewhere);

        assertThat(batch.model()).isEqualTo("preview");
        assertThat(batch.warnings()).singleElement().asString().contains("flux-schnell");
    }

    @Test
    void reportsProgressAfterEachImage() {
        var reports = new ArrayList<String>();

        provider.generate(order(Style.STUDIO, 512, 512, 2, 42),
                (percent, message) -> reports.add(percent + "% " + message));

        assertThat(reports).containsExactly("50% rendered image 1 of 2", "100% rendered image 2 of 2");
    }

    @Test
    void refusesSizesItCannotDraw() {
        assertThatExceptionOfType(ProviderException.class)
                .isThrownBy(() -> generate(order(Style.STUDIO, 0, 512, 1, 42)))
                .satisfies(failure -> {
                    assertThat(failure.reason()).isEqualTo("invalid_settings");
                    assertThat(failure.retryable()).isFalse();
                });
    }

    @Test
    void namesItselfLocalWithPreviewAsDefaultModel() {
        assertThat(provider.name()).isEqualTo("local");
        assertThat(provider.defaultModel()).isEqualTo("preview");
    }

    @Test
    void stopsBeforeTheNextImageWhenItsThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThatExceptionOfType(ProviderException.class)
                    .isThrownBy(() -> provider.generate(order(Style.STUDIO, 512, 512, 2, 1), (percent, message) -> {
                    }))
                    .satisfies(e -> assertThat(e.reason()).isEqualTo("interrupted"));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void takesItsConfiguredTimeOverEachImageAndStopsWhenInterruptedMeanwhile() throws Exception {
        var slow = new LocalPreviewProvider(Duration.ofMinutes(10));
        var progress = new CopyOnWriteArrayList<String>();
        var outcome = new CompletableFuture<ProviderException>();
        var drawing = Thread.ofPlatform().start(() -> {
            try {
                slow.generate(order(Style.STUDIO, 512, 512, 2, 1), (percent, message) -> progress.add(message));
                outcome.complete(null);
            } catch (ProviderException e) {
                outcome.complete(e);
            }
        });
        await().until(() -> drawing.getState() == Thread.State.TIMED_WAITING);

        drawing.interrupt();

        var stopped = outcome.get(10, TimeUnit.SECONDS);
        assertThat(stopped).isNotNull();
        assertThat(stopped.reason()).isEqualTo("interrupted");
        assertThat(stopped.getMessage()).contains("after 0 of 2 images");
        assertThat(progress).isEmpty();
    }

    @Test
    void refusesANegativeDelay() {
        assertThatIllegalArgumentException().isThrownBy(() -> new LocalPreviewProvider(Duration.ofMillis(-1)));
    }

    private GeneratedBatch generate(GenerationOrder order) {
        return provider.generate(order, (percent, message) -> {
        });
    }

    static GenerationOrder order(Style style, int width, int height, int images, long seed) {
        return new GenerationOrder(JobId.random(), "preview", "Professional product photography of " + DESCRIPTION,
                "blurry, watermark", new ModelSettings(width, height, images, 7.5, 30, seed), DESCRIPTION,
                Category.KITCHENWARE, style);
    }

    static BufferedImage decode(byte[] png) {
        try {
            var picture = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(picture).as("a decodable PNG").isNotNull();
            return picture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
