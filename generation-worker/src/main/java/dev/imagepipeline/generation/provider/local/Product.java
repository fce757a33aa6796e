package dev.imagepipeline.generation.provider.local;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint.CycleMethod;
import java.awt.Paint;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/** Paints a placed silhouette as a lit object, and the shadows that ground it. */
final class Product {

    private static final Color CLEAR = new Color(255, 255, 255, 0);

    private Product() {
    }

    /** Paints the silhouette lit from the upper left, with a sheen and a thin outline. */
    static void paint(Canvas canvas, Silhouette placed, Color colour) {
        var bounds = placed.body().getBounds2D();
        canvas.fill(
                new GradientPaint((float) bounds.getX(), (float) bounds.getY(), Tones.mix(colour, Color.WHITE, 0.25),
                        (float) bounds.getMaxX(), (float) bounds.getMaxY(), Tones.mix(colour, Color.BLACK, 0.35)),
                placed.body());
        canvas.fill(detailColour(colour), placed.detail());
        canvas.fill(sheen(bounds), placed.body());
        canvas.g().setStroke(new BasicStroke((float) (canvas.unit() / 500)));
        canvas.g().setColor(Tones.alpha(Tones.mix(colour, Color.BLACK, 0.6), 150));
        canvas.g().draw(placed.body());
    }

    /** A soft elliptical shadow where a standing product meets the floor, moved sideways by {@code shift}. */
    static void contactShadow(Canvas canvas, Rectangle2D box, int strength, double shift) {
        var width = box.getWidth() * 0.95;
        var height = box.getHeight() * 0.14;
        var spot = new Ellipse2D.Double(box.getCenterX() - width / 2 + shift, box.getMaxY() - height / 2, width,
                height);
        canvas.fill(new RadialGradientPaint(spot.getBounds2D(), new float[]{0, 1},
                new Color[]{new Color(0, 0, 0, strength), new Color(0, 0, 0, 0)}, CycleMethod.NO_CYCLE), spot);
    }

    /** The layered shadow of an object lying flat under a light from above, falling down and to the right. */
    static void dropShadow(Canvas canvas, Shape body, double offset) {
        for (int layer = 1; layer <= 3; layer++) {
            var distance = offset * layer / 3;
            canvas.fill(new Color(0, 0, 0, 30),
                    AffineTransform.getTranslateInstance(distance, distance).createTransformedShape(body));
        }
    }

    private static Color detailColour(Color colour) {
        return Tones.luminance(colour) < 0.3
                ? Tones.mix(colour, Color.WHITE, 0.35)
                : Tones.mix(colour, Color.BLACK, 0.45);
    }

    private static Paint sheen(Rectangle2D bounds) {
        var from = bounds.getX() + bounds.getWidth() * 0.15;
        var to = bounds.getX() + bounds.getWidth() * 0.4;
        return new LinearGradientPaint((float) from, (float) bounds.getY(), (float) to, (float) bounds.getY(),
                new float[]{0, 0.5f, 1}, new Color[]{CLEAR, new Color(255, 255, 255, 80), CLEAR});
    }
}
