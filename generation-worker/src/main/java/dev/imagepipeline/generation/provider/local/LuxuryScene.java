package dev.imagepipeline.generation.provider.local;

import static dev.imagepipeline.generation.provider.local.Shapes.polygon;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;

/** A near-black stage with a spotlight, a glossy floor that mirrors the product, and a bright rim on the product. */
final class LuxuryScene {

    private static final double FLOOR = 0.78;
    private static final Color NIGHT = new Color(6, 6, 8);
    private static final List<Color> GLOWS = List.of(new Color(92, 72, 44), new Color(36, 52, 86),
            new Color(78, 30, 40));
    private static final List<Color> FINISHES = List.of(new Color(212, 175, 55), new Color(226, 212, 186),
            new Color(24, 24, 28), new Color(20, 96, 74), new Color(128, 24, 44), new Color(34, 56, 128));

    private LuxuryScene() {
    }

    static void paint(Canvas canvas, Silhouette product) {
        var glow = canvas.pick(GLOWS);
        canvas.fill(new RadialGradientPaint(canvas.at(0.5, 0.42), (float) (0.6 * canvas.unit()),
                new float[]{0, 0.55f, 1}, new Color[]{glow, Tones.mix(glow, NIGHT, 0.75), NIGHT}), canvas.whole());
        floor(canvas, glow);
        spotlight(canvas);
        var box = canvas.box(0.5, FLOOR + 0.03, 0.42);
        var finish = canvas.pick(FINISHES);
        reflection(canvas, product, box, finish);
        var placed = product.placed(box);
        Product.paint(canvas, placed, finish);
        rim(canvas, placed);
    }

    private static void floor(Canvas canvas, Color glow) {
        var top = FLOOR * canvas.height();
        canvas.fill(new GradientPaint(0, (float) top, new Color(20, 18, 18), 0, canvas.height(), new Color(3, 3, 4)),
                new Rectangle2D.Double(0, top, canvas.width(), canvas.height() - top));
        canvas.fill(Tones.alpha(glow, 140), new Rectangle2D.Double(0.15 * canvas.width(), top, 0.7 * canvas.width(),
                Math.max(1, canvas.unit() / 700)));
    }

    private static void spotlight(Canvas canvas) {
        var floor = FLOOR * canvas.height();
        var cone = polygon(0.47 * canvas.width(), 0, 0.53 * canvas.width(), 0, 0.72 * canvas.width(), floor,
                0.28 * canvas.width(), floor);
        canvas.fill(
                new GradientPaint(0, 0, new Color(255, 244, 220, 6), 0, (float) floor, new Color(255, 244, 220, 40)),
                cone);
    }

    /** The product upside down under the floor line, fading out, as on polished stone. */
    private static void reflection(Canvas canvas, Silhouette product, Rectangle2D box, Color finish) {
        var mirror = AffineTransform.getTranslateInstance(0, 2 * box.getMaxY());
        mirror.scale(1, -1);
        var mirrored = mirror.createTransformedShape(product.placed(box).body());
        canvas.fill(new GradientPaint(0, (float) box.getMaxY(), Tones.alpha(finish, 70), 0,
                (float) (box.getMaxY() + 0.4 * box.getHeight()), Tones.alpha(finish, 0)), mirrored);
    }

    /** Light catching the product's edge and a glint near its top, the signature of a single hard spot. */
    private static void rim(Canvas canvas, Silhouette placed) {
        canvas.g().setStroke(new BasicStroke((float) (canvas.unit() / 280)));
        canvas.g().setColor(new Color(255, 226, 168, 170));
        canvas.g().draw(placed.body());
        var bounds = placed.body().getBounds2D();
        var x = bounds.getX() + 0.3 * bounds.getWidth();
        var y = bounds.getY() + 0.12 * bounds.getHeight();
        var arm = 0.035 * canvas.unit();
        var waist = arm / 6;
        canvas.fill(new Color(255, 255, 255, 230), polygon(x, y - arm, x + waist, y - waist, x + arm, y, x + waist,
                y + waist, x, y + arm, x - waist, y + waist, x - arm, y, x - waist, y - waist));
    }
}
