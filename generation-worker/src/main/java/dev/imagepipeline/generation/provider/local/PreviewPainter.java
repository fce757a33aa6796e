package dev.imagepipeline.generation.provider.local;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.compliance.CompliancePreset;

/**
 * Paints one preview: the style's scene with the category's product in it, and the banner over both; or, for a
 * marketplace, the product laid out by the marketplace's rules, without the banner where they forbid text.
 */
final class PreviewPainter {

    private final Style style;
    private final Silhouette product;
    private final String description;
    private final @Nullable CompliancePreset preset;

    PreviewPainter(Style style, Category category, String description) {
        this(style, category, description, null);
    }

    PreviewPainter(Style style, Category category, String description, @Nullable Marketplace marketplace) {
        this.style = style;
        this.product = Silhouettes.of(category);
        this.description = description;
        this.preset = marketplace == null ? null : CompliancePreset.defaults(marketplace);
    }

    BufferedImage paint(int width, int height, long seed) {
        // RGB without alpha, so a white background is exactly white once encoded.
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            var canvas = new Canvas(g, width, height, new Random(seed));
            if (preset == null) {
                paintScene(canvas);
            } else {
                MarketplaceScene.paint(canvas, style, product, preset);
            }
            if (preset == null || !preset.noText()) {
                PreviewBanner.paint(canvas, description);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private void paintScene(Canvas canvas) {
        switch (style) {
            case WHITE_BACKGROUND -> Scenes.whiteBackground(canvas, product);
            case STUDIO -> Scenes.studio(canvas, product);
            case MINIMAL -> Scenes.minimal(canvas, product);
            case LIFESTYLE -> LifestyleScene.paint(canvas, product);
            case FLAT_LAY -> FlatLayScene.paint(canvas, product);
            case LUXURY -> LuxuryScene.paint(canvas, product);
        }
    }
}
