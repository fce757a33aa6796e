package dev.imagepipeline.generation.provider.local;

import static dev.imagepipeline.generation.provider.local.LocalPreviewProviderTests.decode;
import static dev.imagepipeline.generation.provider.local.LocalPreviewProviderTests.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagepipeline.contracts.Style;

/** What each style must visibly look like, checked on the decoded pixels. */
class PreviewStylesTests {

    private static final int WHITE = 0xFFFFFF;

    private final LocalPreviewProvider provider = new LocalPreviewProvider();

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 7_000_000_001L})
    void drawsPureWhiteBackgroundForWhiteBackgroundStyle(long seed) {
        var picture = draw(Style.WHITE_BACKGROUND, seed);
        var last = picture.getWidth() - 1;

        assertThat(rgb(picture, 0, 0)).isEqualTo(WHITE);
        assertThat(rgb(picture, last, 0)).isEqualTo(WHITE);
        assertThat(rgb(picture, 0, last)).isEqualTo(WHITE);
        assertThat(rgb(picture, last, last)).isEqualTo(WHITE);
        assertThat(border(picture)).containsOnly(WHITE);
    }

    @Test
    void centresTheProductOnWhiteBackground() {
        var picture = draw(Style.WHITE_BACKGROUND, 42);
        var sceneHeight = picture.getHeight() * 8 / 10;
        long sum = 0;
        long count = 0;
        for (int y = 0; y < sceneHeight; y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                if (rgb(picture, x, y) != WHITE) {
                    sum += x;
                    count++;
                }
            }
        }

        assertThat(count).isPositive();
        assertThat((double) sum / count).isCloseTo(picture.getWidth() / 2.0, within(picture.getWidth() * 0.05));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 99})
    void laysOutFlatLayVisiblyDifferentlyFromStudio(long seed) {
        var flatLay = draw(Style.FLAT_LAY, seed);
        var studio = draw(Style.STUDIO, seed);
        var samples = 0;
        var different = 0;
        for (int y = 8; y < flatLay.getHeight(); y += 16) {
            for (int x = 8; x < flatLay.getWidth(); x += 16) {
                samples++;
                different += distance(rgb(flatLay, x, y), rgb(studio, x, y)) > 24 ? 1 : 0;
            }
        }

        assertThat(different).isGreaterThan(samples / 2);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 99})
    void drawsDarkBackdropForLuxuryStyle(long seed) {
        var border = border(draw(Style.LUXURY, seed));

        assertThat(IntStream.of(border).mapToDouble(PreviewStylesTests::luminance).average().orElseThrow())
                .isLessThan(40);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 99})
    void leavesMostOfAMinimalImageOneFlatColour(long seed) {
        var picture = draw(Style.MINIMAL, seed);
        var counts = new HashMap<Integer, Integer>();
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                counts.merge(rgb(picture, x, y), 1, Integer::sum);
            }
        }
        var commonest = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();

        assertThat(commonest).isGreaterThan(picture.getWidth() * picture.getHeight() * 6 / 10);
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void labelsEveryStyleWithAReadableBanner(Style style) {
        var picture = draw(style, 42);
        var dark = 0;
        var bright = 0;
        var samples = 0;
        for (int y = picture.getHeight() * 88 / 100; y < picture.getHeight() * 95 / 100; y++) {
            for (int x = picture.getWidth() * 6 / 100; x < picture.getWidth() / 2; x++) {
                var lum = luminance(rgb(picture, x, y));
                samples++;
                dark += lum < 90 ? 1 : 0;
                bright += lum > 200 ? 1 : 0;
            }
        }

        assertThat(dark).as("banner behind the text").isGreaterThan(samples / 2);
        assertThat(bright).as("text on the banner").isGreaterThan(samples / 100);
    }

    private BufferedImage draw(Style style, long seed) {
        return decode(provider.generate(order(style, 512, 512, 1, seed), (percent, message) -> {
        }).images().get(0).bytes());
    }

    private static int[] border(BufferedImage picture) {
        var width = picture.getWidth();
        var height = picture.getHeight();
        var top = picture.getRGB(0, 0, width, 1, null, 0, width);
        var bottom = picture.getRGB(0, height - 1, width, 1, null, 0, width);
        var left = picture.getRGB(0, 0, 1, height, null, 0, 1);
        var right = picture.getRGB(width - 1, 0, 1, height, null, 0, 1);
        return Stream.of(top, bottom, left, right).flatMapToInt(IntStream::of).map(argb -> argb & WHITE).toArray();
    }

    private static int rgb(BufferedImage picture, int x, int y) {
        return picture.getRGB(x, y) & WHITE;
    }

    private static double luminance(int rgb) {
        return 0.2126 * (rgb >> 16 & 0xFF) + 0.7152 * (rgb >> 8 & 0xFF) + 0.0722 * (rgb & 0xFF);
    }

    private static int distance(int a, int b) {
        return Math.max(Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)),
                Math.max(Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF)), Math.abs((a & 0xFF) - (b & 0xFF))));
    }
}
