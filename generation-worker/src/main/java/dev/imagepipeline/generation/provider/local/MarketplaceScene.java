package dev.imagepipeline.generation.provider.local;

import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.List;

import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.compliance.CompliancePreset;

/**
 * A listing image laid out for a marketplace's rules: the product alone, centred and spanning the preset's fill, on a
 * plain background, with no shadow that would widen it. {@code white_background} is pure white to the edges, as the
 * rules ask; any other style keeps a trace of its own backdrop, its tint paled to near-white (every channel 240 to
 * 254), as real models often do, which fails a rule of pure white until the auto-fix snaps it to white.
 */
final class MarketplaceScene {

    private static final List<Color> PALE = List.of(new Color(241, 237, 229), new Color(231, 238, 234),
            new Color(242, 232, 231), new Color(233, 236, 244), new Color(245, 241, 225), new Color(236, 233, 241));
    private static final int LEAST_PALE = 240;

    private MarketplaceScene() {
    }

    static void paint(Canvas canvas, Style style, Silhouette product, CompliancePreset preset) {
        canvas.fill(style == Style.WHITE_BACKGROUND ? Color.WHITE : paled(tint(canvas, style)), canvas.whole());
        Product.paint(canvas, product.placed(framed(canvas, product, preset.fill().target())),
                Tones.vivid(canvas.random()));
    }

    /**
     * The box to place the silhouette in so that its outline spans {@code fill} of the frame along the axis where it
     * spans most, centred: the rules measure the product's own bounding box, not the square it is drawn in.
     */
    static Rectangle2D framed(Canvas canvas, Silhouette product, double fill) {
        var outline = product.body().getBounds2D();
        double scale = fill / Math.max(outline.getWidth() / canvas.width(), outline.getHeight() / canvas.height());
        double x = canvas.width() / 2.0 - outline.getCenterX() * scale;
        double y = canvas.height() / 2.0 - outline.getCenterY() * scale;
        return new Rectangle2D.Double(x, y, scale, scale);
    }

    /** The colour of the style's backdrop, before it is paled. */
    private static Color tint(Canvas canvas, Style style) {
        return switch (style) {
            case STUDIO -> Color.getHSBColor(canvas.random().nextFloat(), 0.08f, 0.9f);
            case LIFESTYLE -> new Color(246, 229, 203);
            case FLAT_LAY -> new Color(232, 218, 192);
            case LUXURY -> new Color(92, 72, 44);
            case MINIMAL, WHITE_BACKGROUND -> canvas.pick(PALE);
        };
    }

    /** Every channel moved into 240 to 254: near-white, keeping the tint's lean, and never quite white. */
    static Color paled(Color tint) {
        return new Color(pale(tint.getRed()), pale(tint.getGreen()), pale(tint.getBlue()));
    }

    private static int pale(int channel) {
        return LEAST_PALE + (int) Math.round(channel * (254 - LEAST_PALE) / 255.0);
    }
}
