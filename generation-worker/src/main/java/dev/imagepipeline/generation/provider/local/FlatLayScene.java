package dev.imagepipeline.generation.provider.local;

import static dev.imagepipeline.generation.provider.local.Shapes.oval;
import static dev.imagepipeline.generation.provider.local.Shapes.rect;
import static dev.imagepipeline.generation.provider.local.Shapes.round;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Area;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.List;

/** Seen from straight above: the product and a few props laid out around it on a flat surface. */
final class FlatLayScene {

    private static final List<Color> SURFACES = List.of(new Color(232, 218, 192), new Color(186, 206, 176),
            new Color(238, 196, 190), new Color(112, 124, 138), new Color(206, 140, 106), new Color(176, 202, 228),
            new Color(226, 190, 110));
    private static final List<Silhouette> PROPS = List.of(dish(), leaf(), card());

    private FlatLayScene() {
    }

    static void paint(Canvas canvas, Silhouette product) {
        var surface = canvas.pick(SURFACES);
        canvas.fill(surface, canvas.whole());
        weave(canvas, surface);
        var props = 4 + canvas.random().nextInt(2);
        var start = canvas.between(0, 2 * Math.PI);
        for (int i = 0; i < props; i++) {
            var angle = start + 2 * Math.PI * i / props;
            var box = canvas.box(0.5 + 0.3 * Math.cos(angle) * canvas.unit() / canvas.width(),
                    0.52 + 0.3 * Math.sin(angle) * canvas.unit() / canvas.height(), canvas.between(0.13, 0.18));
            lay(canvas, canvas.pick(PROPS).placed(box, canvas.between(-0.8, 0.8)), Tones.muted(canvas.random()));
        }
        var centre = canvas.box(0.5, 0.62, 0.34);
        lay(canvas, product.placed(centre, canvas.between(-0.3, 0.3)), Tones.vivid(canvas.random()));
    }

    private static void lay(Canvas canvas, Silhouette placed, Color colour) {
        Product.dropShadow(canvas, placed.body(), 0.012 * canvas.unit());
        Product.paint(canvas, placed, colour);
    }

    /** Faint threads across the surface, so it reads as cloth or paper rather than a flat fill. */
    private static void weave(Canvas canvas, Color surface) {
        canvas.g().setStroke(new BasicStroke(1));
        canvas.g().setColor(Tones.alpha(Tones.mix(surface, Color.BLACK, 0.3), 18));
        var spacing = Math.max(3, canvas.unit() / 96);
        for (double y = canvas.random().nextDouble() * spacing; y < canvas.height(); y += spacing) {
            canvas.g().draw(new Line2D.Double(0, y, canvas.width(), y));
        }
    }

    private static Silhouette dish() {
        var rim = new Area(oval(0.12, 0.12, 0.76, 0.76));
        rim.subtract(new Area(oval(0.18, 0.18, 0.64, 0.64)));
        return new Silhouette(oval(0, 0, 1, 1), rim);
    }

    private static Silhouette leaf() {
        var leaf = new Path2D.Double();
        leaf.moveTo(0.5, 0);
        leaf.quadTo(1.05, 0.45, 0.5, 1);
        leaf.quadTo(-0.05, 0.45, 0.5, 0);
        leaf.closePath();
        return new Silhouette(leaf, rect(0.485, 0.06, 0.03, 0.88));
    }

    private static Silhouette card() {
        return new Silhouette(round(0.15, 0, 0.7, 1, 0.1), rect(0.25, 0.2, 0.5, 0.06));
    }
}
