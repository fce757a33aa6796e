package dev.imagepipeline.generation.provider.local;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/** Short names for the geometry the silhouettes and scenes are built from. */
final class Shapes {

    private Shapes() {
    }

    static Shape rect(double x, double y, double width, double height) {
        return new Rectangle2D.Double(x, y, width, height);
    }

    static Shape round(double x, double y, double width, double height, double arc) {
        return new RoundRectangle2D.Double(x, y, width, height, arc, arc);
    }

    static Shape oval(double x, double y, double width, double height) {
        return new Ellipse2D.Double(x, y, width, height);
    }

    static Shape polygon(double... xy) {
        var path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        path.closePath();
        return path;
    }

    static Area union(Shape... shapes) {
        var area = new Area();
        for (var shape : shapes) {
            area.add(new Area(shape));
        }
        return area;
    }
}
