package dev.imagepipeline.generation.provider.local;

import static dev.imagepipeline.generation.provider.local.Shapes.polygon;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;

/** A warm interior: a wooden table against a wall, with window light falling across it onto the product. */
final class LifestyleScene {

    private static final double TABLE_TOP = 0.7;

    private LifestyleScene() {
    }

    static void paint(Canvas canvas, Silhouette product) {
        var windowOnLeft = canvas.random().nextBoolean();
        wall(canvas);
        var window = new Rectangle2D.Double((windowOnLeft ? 0.08 : 0.6) * canvas.width(), 0.08 * canvas.height(),
                0.32 * canvas.width(), 0.44 * canvas.height());
        window(canvas, window);
        table(canvas);
        sunlight(canvas, window, (windowOnLeft ? 0.22 : -0.22) * canvas.width());
        var box = canvas.box(windowOnLeft ? 0.64 : 0.36, 0.8, 0.36);
        Product.contactShadow(canvas, box, 110, (windowOnLeft ? 0.05 : -0.05) * canvas.unit());
        Product.paint(canvas, product.placed(box), Tones.vivid(canvas.random()));
    }

    private static void wall(Canvas canvas) {
        var top = Tones.mix(new Color(246, 229, 203), new Color(240, 219, 212), canvas.random().nextDouble());
        var bottom = Tones.mix(top, new Color(150, 110, 80), 0.3);
        canvas.fill(new GradientPaint(0, 0, top, 0, (float) (TABLE_TOP * canvas.height()), bottom), canvas.whole());
    }

    private static void window(Canvas canvas, Rectangle2D window) {
        var bar = 0.014 * canvas.unit();
        canvas.fill(new Color(250, 245, 236), window);
        var glass = new Rectangle2D.Double(window.getX() + bar, window.getY() + bar, window.getWidth() - 2 * bar,
                window.getHeight() - 2 * bar);
        canvas.fill(new GradientPaint(0, (float) glass.getY(), new Color(255, 251, 238), 0, (float) glass.getMaxY(),
                new Color(190, 216, 234)), glass);
        canvas.g().setColor(new Color(250, 245, 236));
        canvas.g().fill(new Rectangle2D.Double(window.getCenterX() - bar / 2, window.getY(), bar, window.getHeight()));
        canvas.g().fill(new Rectangle2D.Double(window.getX(), window.getCenterY() - bar / 2, window.getWidth(), bar));
    }

    private static void table(Canvas canvas) {
        var top = TABLE_TOP * canvas.height();
        var surface = new Rectangle2D.Double(0, top, canvas.width(), canvas.height() - top);
        canvas.fill(
                new GradientPaint(0, (float) top, new Color(172, 116, 70), 0, canvas.height(), new Color(110, 68, 36)),
                surface);
        canvas.g().setStroke(new BasicStroke((float) Math.max(1, canvas.unit() / 600)));
        canvas.g().setColor(new Color(86, 52, 28, 60));
        for (int i = 0; i < 7; i++) {
            var y = top + canvas.between(0.05, 1) * (canvas.height() - top);
            var bend = canvas.between(-0.02, 0.02) * canvas.unit();
            canvas.g().draw(new QuadCurve2D.Double(0, y, canvas.width() / 2.0, y + bend, canvas.width(), y - bend));
        }
        canvas.fill(new Color(206, 152, 102), new Rectangle2D.Double(0, top, canvas.width(), 0.008 * canvas.unit()));
    }

    /** A pale band from the window's sill slanting down across the table, as low sun would fall. */
    private static void sunlight(Canvas canvas, Rectangle2D window, double slant) {
        var shaft = polygon(window.getX(), window.getMaxY(), window.getMaxX(), window.getMaxY(),
                window.getMaxX() + slant, canvas.height(), window.getX() + slant, canvas.height());
        canvas.fill(new GradientPaint(0, (float) window.getMaxY(), new Color(255, 244, 214, 90), 0, canvas.height(),
                new Color(255, 244, 214, 10)), shaft);
    }
}
