package dev.imagepipeline.generation.compliance;

/** Area-averaging reduction: each target pixel is the mean of the source pixels it covers, so white stays white. */
final class Downscale {

    private Downscale() {
    }

    static Pixels to(Pixels source, int width, int height) {
        var target = new int[width * height];
        var columns = bounds(source.width, width);
        var rows = bounds(source.height, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                target[y * width + x] = mean(source, columns[x], columns[x + 1], rows[y], rows[y + 1]);
            }
        }
        return new Pixels(width, height, target);
    }

    /** Where each target pixel's source span starts, and one past the last: every span at least one pixel. */
    private static int[] bounds(int from, int to) {
        var bounds = new int[to + 1];
        for (int i = 0; i <= to; i++) {
            bounds[i] = (int) ((long) i * from / to);
        }
        return bounds;
    }

    private static int mean(Pixels source, int fromX, int toX, int fromY, int toY) {
        long red = 0;
        long green = 0;
        long blue = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = fromX; x < toX; x++) {
                int rgb = source.rgb[y * source.width + x];
                red += Pixels.red(rgb);
                green += Pixels.green(rgb);
                blue += Pixels.blue(rgb);
            }
        }
        long count = (long) (toX - fromX) * (toY - fromY);
        return Pixels.rgb((int) ((red + count / 2) / count), (int) ((green + count / 2) / count),
                (int) ((blue + count / 2) / count));
    }
}
