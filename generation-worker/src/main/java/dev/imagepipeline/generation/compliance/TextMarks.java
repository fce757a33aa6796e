package dev.imagepipeline.generation.compliance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A heuristic for text: glyph-sized, high-contrast marks outside the product's own bounding box that stand in a row,
 * at least three of similar height side by side, as letters do. Dark letters on a light ground are foreground regions;
 * light letters on a dark panel are holes in it. It reads no characters, so it misses text on or across the product
 * (inside its bounding box), a lone logo or word of fewer than three separate marks, joined-up script, and type
 * smaller than about half a percent of the image or taller than a tenth of it; and it can mistake a row of small
 * parts beside the product, such as beads or buttons, for a word.
 */
final class TextMarks {

    /** Foreground marks fainter than this against the background are shadows or texture, not print. */
    static final int MIN_CONTRAST = 80;

    private static final int MIN_GLYPHS_IN_A_ROW = 3;

    private TextMarks() {
    }

    /** How many marks stand in text-like rows. */
    static int count(Regions regions, @Nullable Box product, int width, int height) {
        var glyphs = new ArrayList<Box>();
        int shortSide = Math.min(width, height);
        int minHeight = Math.max(5, (int) Math.round(shortSide * 0.005));
        int maxHeight = Math.max(minHeight, shortSide / 10);
        collect(regions.foreground, true, product, minHeight, maxHeight, glyphs);
        collect(regions.holes, false, product, minHeight, maxHeight, glyphs);
        return inRows(glyphs, maxHeight);
    }

    private static void collect(Blobs blobs, boolean printed, @Nullable Box product, int minHeight, int maxHeight,
            List<Box> glyphs) {
        for (int blob = 0; blob < blobs.count(); blob++) {
            var box = blobs.box(blob);
            boolean sized = box.height() >= minHeight && box.height() <= maxHeight && box.width() <= 3 * box.height()
                    && blobs.area(blob) >= 8;
            boolean contrasting = !printed || blobs.contrast(blob) >= MIN_CONTRAST;
            if (sized && contrasting && (product == null || !product.contains(box))) {
                glyphs.add(box);
            }
        }
    }

    /** Joins marks that sit side by side on one line, and counts those in groups of three or more. */
    private static int inRows(List<Box> glyphs, int maxHeight) {
        glyphs.sort(Comparator.comparingInt(Box::minX));
        var groups = new int[glyphs.size()];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i;
        }
        for (int i = 0; i < glyphs.size(); i++) {
            var left = glyphs.get(i);
            for (int j = i + 1; j < glyphs.size(); j++) {
                var right = glyphs.get(j);
                if (right.minX() > left.maxX() + 2 * maxHeight) {
                    break;
                }
                if (neighbours(left, right)) {
                    groups[root(groups, j)] = root(groups, i);
                }
            }
        }
        var sizes = new int[groups.length];
        for (int i = 0; i < groups.length; i++) {
            sizes[root(groups, i)]++;
        }
        int marks = 0;
        for (int i = 0; i < groups.length; i++) {
            if (sizes[root(groups, i)] >= MIN_GLYPHS_IN_A_ROW) {
                marks++;
            }
        }
        return marks;
    }

    /** Letters of one line: similar heights, centred on the same line, a letter's height apart at most. */
    private static boolean neighbours(Box a, Box b) {
        int taller = Math.max(a.height(), b.height());
        int shorter = Math.min(a.height(), b.height());
        double gap = b.minX() - a.maxX() - 1;
        return taller <= 2 * shorter && Math.abs(a.centreY() - b.centreY()) <= taller / 2.0 && gap <= taller
                && gap >= -Math.min(a.width(), b.width()) / 2.0;
    }

    private static int root(int[] groups, int i) {
        while (groups[i] != i) {
            groups[i] = groups[groups[i]];
            i = groups[i];
        }
        return i;
    }
}
