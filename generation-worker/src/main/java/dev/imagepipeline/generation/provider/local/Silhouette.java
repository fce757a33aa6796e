package dev.imagepipeline.generation.provider.local;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * A product's outline and one detail inside it (a screen, a label, a facet), drawn in a unit square that stands on
 * its bottom edge.
 */
record Silhouette(Shape body, Shape detail) {

    Silhouette placed(Rectangle2D box) {
        return placed(box, 0);
    }

    /** This silhouette scaled into the box and turned by {@code angle} radians about the box's centre. */
    Silhouette placed(Rectangle2D box, double angle) {
        var transform = AffineTransform.getRotateInstance(angle, box.getCenterX(), box.getCenterY());
        transform.translate(box.getX(), box.getY());
        transform.scale(box.getWidth(), box.getHeight());
        return new Silhouette(transform.createTransformedShape(body), transform.createTransformedShape(detail));
    }
}
