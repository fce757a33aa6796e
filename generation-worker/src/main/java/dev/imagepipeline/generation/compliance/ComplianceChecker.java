package dev.imagepipeline.generation.compliance;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.ComplianceCheck;
import dev.imagepipeline.contracts.ComplianceResult;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.generation.provider.RenderedImage;

/**
 * Checks generated images against marketplace presets and, when asked, fixes a copy. Pure image analysis in this JVM:
 * no network, no model, and safe to share between threads.
 */
public final class ComplianceChecker {

    private final Map<Marketplace, CompliancePreset> presets;

    /** With the default preset of every marketplace, each replaced by the one given for it. */
    public ComplianceChecker(List<CompliancePreset> overrides) {
        var presets = new EnumMap<Marketplace, CompliancePreset>(Marketplace.class);
        for (var marketplace : Marketplace.values()) {
            presets.put(marketplace, CompliancePreset.defaults(marketplace));
        }
        overrides.forEach(preset -> presets.put(preset.marketplace(), preset));
        this.presets = Map.copyOf(presets);
    }

    public static ComplianceChecker withDefaults() {
        return new ComplianceChecker(List.of());
    }

    public CompliancePreset preset(Marketplace marketplace) {
        return presets.get(marketplace);
    }

    /** The image's verdict under the marketplace's rules. */
    public ComplianceCheck check(BufferedImage image, Marketplace marketplace) {
        return Rules.check(Analysis.of(Pixels.of(image)), preset(marketplace));
    }

    /**
     * Checks the image and, with {@code autofix}, fixes a copy where a rule failed (or the image is larger than the
     * preset's size) and checks the copy again. The image itself is never changed.
     *
     * @return the result, and the fixed copy when one was made
     */
    public Fixable inspect(BufferedImage image, Marketplace marketplace, boolean autofix) {
        var preset = preset(marketplace);
        var pixels = Pixels.of(image);
        var analysis = Analysis.of(pixels);
        var original = Rules.check(analysis, preset);
        if (!autofix) {
            return new Fixable(new ComplianceResult(original, List.of(), List.of(), null), null);
        }
        var fixes = Fixes.apply(pixels, analysis, original, preset);
        if (!fixes.changed()) {
            return new Fixable(new ComplianceResult(original, List.of(), fixes.unfixed, null), null);
        }
        var fixed = fixes.pixels();
        // The fixes analysed the copy after their last change: that analysis is the copy's.
        var again = Rules.check(fixes.analysis(), preset);
        return new Fixable(new ComplianceResult(original, fixes.applied, fixes.unfixed, again), fixed.toImage());
    }

    /**
     * As {@link #inspect(BufferedImage, Marketplace, boolean)}, on an image as a provider delivered it; the fixed copy
     * is a PNG.
     *
     * @return empty when the JDK cannot decode the image (WebP, for one)
     */
    public Optional<Inspection> inspect(RenderedImage image, Marketplace marketplace, boolean autofix) {
        return decode(image.bytes()).map(picture -> {
            var fixable = inspect(picture, marketplace, autofix);
            var copy = fixable.image();
            var fixed = copy == null
                    ? null
                    : new RenderedImage(png(copy), "image/png", copy.getWidth(), copy.getHeight());
            return new Inspection(fixable.result(), fixed);
        });
    }

    private static Optional<BufferedImage> decode(byte[] bytes) {
        // In memory: ImageIO would otherwise cache through a temporary file. ImageIO.read closes the stream itself.
        try {
            return Optional.ofNullable(ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static byte[] png(BufferedImage image) {
        var bytes = new ByteArrayOutputStream();
        try (var output = new MemoryCacheImageOutputStream(bytes)) {
            ImageIO.write(image, "png", output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the fixed image as PNG", e);
        }
        return bytes.toByteArray();
    }

    /**
     * A result with the fixed copy it speaks of.
     *
     * @param image the fixed copy; absent when none was made
     */
    public record Fixable(ComplianceResult result, @Nullable BufferedImage image) {
    }
}
