package dev.imagepipeline.generation.compliance;

import org.jspecify.annotations.Nullable;

/**
 * What the rules measure, taken from one pass over the image.
 *
 * @param band how many pixels deep the border band is
 * @param background the border band's median colour, taken as the background's
 * @param borderWhiteness how many border-band pixels have each lowest channel value, 0 to 255
 * @param product the bounding box of every foreground region but specks; absent when the image is blank
 * @param mainBlob the largest foreground region's bounding box, taken as the product's own
 */
record Analysis(Pixels pixels, int band, int background, int[] borderWhiteness, Regions regions, @Nullable Box product,
        @Nullable Box mainBlob) {

    static Analysis of(Pixels pixels) {
        int band = Math.max(1, (int) Math.round(Math.min(pixels.width, pixels.height) * 0.01));
        var border = new BorderBand(pixels, band);
        int background = border.median();
        var regions = Regions.of(pixels, background);
        int speck = Math.max(4, pixels.rgb.length / 100_000);
        Box product = null;
        for (int blob = 0; blob < regions.foreground.count(); blob++) {
            if (regions.foreground.area(blob) >= speck) {
                var box = regions.foreground.box(blob);
                product = product == null ? box : product.union(box);
            }
        }
        int largest = regions.foreground.largest();
        var main = largest < 0 || product == null ? null : regions.foreground.box(largest);
        return new Analysis(pixels, band, background, border.whiteness(), regions, product, main);
    }

    int borderPixels() {
        int total = 0;
        for (int count : borderWhiteness) {
            total += count;
        }
        return total;
    }

    /** The share of the border band whose every channel is at least {@code floor}. */
    double borderShareAtLeast(int floor) {
        int conforming = 0;
        for (int level = floor; level < 256; level++) {
            conforming += borderWhiteness[level];
        }
        return (double) conforming / borderPixels();
    }

    /** How far the border band's darkest channel falls below white. */
    int borderMaxDeviation() {
        for (int level = 0; level < 256; level++) {
            if (borderWhiteness[level] > 0) {
                return 255 - level;
            }
        }
        return 0;
    }

    /** The edges of the frame the product reaches, where it may be cut off. */
    String touchedEdges() {
        if (product == null) {
            return "";
        }
        var edges = new StringBuilder();
        append(edges, product.minX() == 0, "left");
        append(edges, product.minY() == 0, "top");
        append(edges, product.maxX() == pixels.width - 1, "right");
        append(edges, product.maxY() == pixels.height - 1, "bottom");
        return edges.toString();
    }

    private static void append(StringBuilder edges, boolean touched, String edge) {
        if (touched) {
            edges.append(edges.isEmpty() ? "" : ", ").append(edge);
        }
    }

    /** The band of pixels along the four edges, read once. */
    private static final class BorderBand {

        private final int[] whiteness = new int[256];
        private final int[][] channels = new int[3][256];

        BorderBand(Pixels pixels, int band) {
            for (int y = 0; y < pixels.height; y++) {
                boolean edgeRow = y < band || y >= pixels.height - band;
                for (int x = 0; x < pixels.width; x++) {
                    if (edgeRow || x < band || x >= pixels.width - band) {
                        add(pixels.rgb[y * pixels.width + x]);
                    } else {
                        x = pixels.width - band - 1;
                    }
                }
            }
        }

        private void add(int rgb) {
            whiteness[Pixels.minChannel(rgb)]++;
            channels[0][Pixels.red(rgb)]++;
            channels[1][Pixels.green(rgb)]++;
            channels[2][Pixels.blue(rgb)]++;
        }

        int[] whiteness() {
            return whiteness;
        }

        int median() {
            return Pixels.rgb(median(channels[0]), median(channels[1]), median(channels[2]));
        }

        private static int median(int[] histogram) {
            int total = 0;
            for (int count : histogram) {
                total += count;
            }
            int seen = 0;
            for (int level = 0; level < 256; level++) {
                seen += histogram[level];
                if (2 * seen >= total) {
                    return level;
                }
            }
            return 255;
        }
    }
}
