package dev.imagepipeline.generation.provider.local;

import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Random;

/** One image being painted: its graphics, its size, and the seeded randomness that varies it. */
record Canvas(Graphics2D g, int width, int height, Random random) {

    /** The length shapes and type are sized by, so non-square images keep their proportions. */
    double unit() {
        return Math.min(width, height);
    }

    Rectangle2D whole() {
        return new Rectangle2D.Double(0, 0, width, height);
    }

    Point2D at(double x, double y) {
        return new Point2D.Double(x * width, y * height);
    }

    /** A square {@code size} units wide, standing with its bottom edge centred on the given fractions of the image. */
    Rectangle2D box(double centreX, double baseY, double size) {
        var side = size * unit();
        return new Rectangle2D.Double(centreX * width - side / 2, baseY * height - side, side, side);
    }

    void fill(Paint paint, Shape shape) {
        g.setPaint(paint);
        g.fill(shape);
    }

    double between(double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
