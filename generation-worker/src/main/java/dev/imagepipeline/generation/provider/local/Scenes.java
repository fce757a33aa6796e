package dev.imagepipeline.generation.provider.local;

import java.awt.Color;
import java.awt.RadialGradientPaint;
import java.util.List;

/** The plain single-product scenes: white background, studio and minimal. */
final class Scenes {

    private static final List<Color> PALE = List.of(new Color(241, 237, 229), new Color(231, 238, 234),
            new Color(242, 232, 231), new Color(233, 236, 244), new Color(245, 241, 225), new Color(236, 233, 241));

    private Scenes() {
    }

    /** Pure white to the edges, so the product can be cut out; the product sits exactly in the middle. */
    static void whiteBackground(Canvas canvas, Silhouette product) {
        canvas.fill(Color.WHITE, canvas.whole());
        var box = canvas.box(0.5, 0.5 + 0.25 * canvas.unit() / canvas.height(), 0.5);
        Product.contactShadow(canvas, box, 60, 0);
        Product.paint(canvas, product.placed(box), Tones.vivid(canvas.random()));
    }

    /** A seamless backdrop fading from a lit centre to soft grey, with a key light from the upper left. */
    static void studio(Canvas canvas, Silhouette product) {
        var tint = canvas.random().nextFloat();
        var lit = Color.getHSBColor(tint, 0.03f, 0.99f);
        var shade = Color.getHSBColor(tint, 0.08f, 0.66f);
        canvas.fill(new RadialGradientPaint(canvas.at(0.5, 0.4), (float) (0.8 * canvas.unit()), new float[]{0, 1},
                new Color[]{lit, shade}), canvas.whole());
        canvas.fill(new RadialGradientPaint(canvas.at(0.22, 0.12), (float) (0.5 * canvas.unit()), new float[]{0, 1},
                new Color[]{new Color(255, 255, 255, 120), new Color(255, 255, 255, 0)}), canvas.whole());
        var box = canvas.box(canvas.between(0.46, 0.54), 0.8, 0.46);
        Product.contactShadow(canvas, box, 120, 0.03 * canvas.unit());
        Product.paint(canvas, product.placed(box), Tones.vivid(canvas.random()));
    }

    /** One pale colour, a small product off to one side and a single faint shadow: mostly empty space. */
    static void minimal(Canvas canvas, Silhouette product) {
        canvas.fill(canvas.pick(PALE), canvas.whole());
        var box = canvas.box(canvas.random().nextBoolean() ? 0.34 : 0.66, 0.68, 0.24);
        Product.contactShadow(canvas, box, 45, 0.02 * canvas.unit());
        Product.paint(canvas, product.placed(box), Tones.muted(canvas.random()));
    }
}
