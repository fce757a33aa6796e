package dev.imagepipeline.generation.provider.local;

import static dev.imagepipeline.generation.provider.local.Shapes.oval;
import static dev.imagepipeline.generation.provider.local.Shapes.polygon;
import static dev.imagepipeline.generation.provider.local.Shapes.rect;
import static dev.imagepipeline.generation.provider.local.Shapes.round;
import static dev.imagepipeline.generation.provider.local.Shapes.union;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Arc2D;
import java.awt.geom.Area;
import java.awt.geom.Path2D;

import dev.imagepipeline.contracts.Category;

/** Simple geometric stand-ins for each category's product. */
final class Silhouettes {

    private Silhouettes() {
    }

    static Silhouette of(Category category) {
        return switch (category) {
            case KITCHENWARE -> mug();
            case FOOD_AND_BEVERAGE -> bottle();
            case BEAUTY -> pumpBottle();
            case ELECTRONICS -> phone();
            case APPAREL -> shirt();
            case FOOTWEAR -> shoe();
            case JEWELRY -> gem();
            case FURNITURE -> armchair();
            case HOME_DECOR -> vase();
            case TOYS -> blocks();
            case SPORTS -> ball();
            case OTHER -> parcel();
        };
    }

    private static Silhouette mug() {
        var handle = new Area(oval(0.56, 0.34, 0.36, 0.42));
        handle.subtract(new Area(oval(0.65, 0.43, 0.18, 0.24)));
        return new Silhouette(union(round(0.1, 0.2, 0.6, 0.8, 0.1), oval(0.1, 0.15, 0.6, 0.1), handle),
                oval(0.14, 0.165, 0.52, 0.07));
    }

    private static Silhouette bottle() {
        return new Silhouette(union(round(0.28, 0.38, 0.44, 0.62, 0.12), oval(0.28, 0.24, 0.44, 0.3),
                rect(0.42, 0.1, 0.16, 0.25), round(0.4, 0.02, 0.2, 0.1, 0.04)), rect(0.28, 0.56, 0.44, 0.24));
    }

    private static Silhouette pumpBottle() {
        var pump = union(rect(0.41, 0.24, 0.18, 0.12), round(0.36, 0.14, 0.28, 0.1, 0.04), rect(0.5, 0.15, 0.26, 0.04));
        return new Silhouette(union(round(0.3, 0.35, 0.4, 0.65, 0.1), pump), pump);
    }

    private static Silhouette phone() {
        return new Silhouette(round(0.22, 0.02, 0.56, 0.98, 0.12), round(0.26, 0.07, 0.48, 0.86, 0.06));
    }

    private static Silhouette shirt() {
        var body = new Area(polygon(0.3, 0.05, 0.7, 0.05, 0.95, 0.25, 0.84, 0.4, 0.76, 0.33, 0.76, 1, 0.24, 1, 0.24,
                0.33, 0.16, 0.4, 0.05, 0.25));
        body.subtract(new Area(oval(0.4, -0.04, 0.2, 0.16)));
        return new Silhouette(body, rect(0.56, 0.42, 0.1, 0.1));
    }

    private static Silhouette shoe() {
        var upper = new Path2D.Double();
        upper.moveTo(0.05, 0.95);
        upper.lineTo(0.97, 0.95);
        upper.quadTo(1.0, 0.72, 0.8, 0.66);
        upper.lineTo(0.55, 0.56);
        upper.lineTo(0.46, 0.32);
        upper.lineTo(0.2, 0.34);
        upper.quadTo(0.04, 0.5, 0.05, 0.95);
        upper.closePath();
        return new Silhouette(upper, round(0.04, 0.88, 0.94, 0.1, 0.05));
    }

    private static Silhouette gem() {
        return new Silhouette(polygon(0.15, 0.38, 0.33, 0.16, 0.67, 0.16, 0.85, 0.38, 0.5, 0.95),
                polygon(0.33, 0.16, 0.67, 0.16, 0.58, 0.38, 0.42, 0.38));
    }

    private static Silhouette armchair() {
        return new Silhouette(
                union(round(0.2, 0.1, 0.6, 0.5, 0.1), round(0.12, 0.5, 0.76, 0.25, 0.08),
                        round(0.05, 0.38, 0.16, 0.4, 0.08), round(0.79, 0.38, 0.16, 0.4, 0.08),
                        rect(0.16, 0.75, 0.06, 0.25), rect(0.78, 0.75, 0.06, 0.25)),
                round(0.25, 0.15, 0.5, 0.34, 0.08));
    }

    private static Silhouette vase() {
        var outline = new Path2D.Double();
        outline.moveTo(0.38, 0.02);
        outline.lineTo(0.62, 0.02);
        outline.quadTo(0.56, 0.12, 0.57, 0.22);
        outline.curveTo(0.95, 0.45, 0.9, 0.85, 0.66, 1);
        outline.lineTo(0.34, 1);
        outline.curveTo(0.1, 0.85, 0.05, 0.45, 0.43, 0.22);
        outline.quadTo(0.44, 0.12, 0.38, 0.02);
        outline.closePath();
        var band = new Area(rect(0, 0.56, 1, 0.07));
        band.intersect(new Area(outline));
        return new Silhouette(outline, band);
    }

    private static Silhouette blocks() {
        return new Silhouette(
                union(round(0.1, 0.62, 0.38, 0.38, 0.06), round(0.52, 0.62, 0.38, 0.38, 0.06),
                        round(0.31, 0.24, 0.38, 0.38, 0.06)),
                union(oval(0.22, 0.74, 0.14, 0.14), oval(0.64, 0.74, 0.14, 0.14), oval(0.43, 0.36, 0.14, 0.14)));
    }

    private static Silhouette ball() {
        var ball = oval(0.05, 0.1, 0.9, 0.9);
        var seams = union(seam(-0.55, -60), seam(0.65, 120));
        seams.intersect(new Area(ball));
        return new Silhouette(ball, seams);
    }

    private static Shape seam(double x, double startAngle) {
        return new BasicStroke(0.025f)
                .createStrokedShape(new Arc2D.Double(x, 0.1, 0.9, 0.9, startAngle, 120, Arc2D.OPEN));
    }

    private static Silhouette parcel() {
        var side = polygon(0.7, 0.35, 0.9, 0.15, 0.9, 0.8, 0.7, 1);
        return new Silhouette(
                union(rect(0.1, 0.35, 0.6, 0.65), polygon(0.1, 0.35, 0.3, 0.15, 0.9, 0.15, 0.7, 0.35), side), side);
    }
}
