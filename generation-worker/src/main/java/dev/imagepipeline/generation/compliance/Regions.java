package dev.imagepipeline.generation.compliance;

/**
 * Splits an image into foreground (whatever differs from the background colour by more than a tolerance, so the
 * faint anti-aliased fringe of an edge stays background) and background, and finds the connected regions of each:
 * the foreground's regions (8-connected), and the holes, the background regions the border cannot reach
 * (4-connected, the dual of 8, so a diagonal outline closes a hole).
 */
final class Regions {

    /** The largest channel difference from the background that still counts as background. */
    static final int TOLERANCE = 16;

    private static final byte BACKGROUND = 0;
    private static final byte FOREGROUND = 1;
    private static final byte SEEN = 2;

    final Blobs foreground = new Blobs();
    final Blobs holes = new Blobs();

    private final Pixels pixels;
    private final int background;
    private final byte[] mask;
    private final int[] stack;

    private Regions(Pixels pixels, int background) {
        this.pixels = pixels;
        this.background = background;
        this.mask = new byte[pixels.rgb.length];
        this.stack = new int[pixels.rgb.length];
    }

    static Regions of(Pixels pixels, int background) {
        var regions = new Regions(pixels, background);
        regions.split();
        return regions;
    }

    private void split() {
        var rgb = pixels.rgb;
        for (int i = 0; i < rgb.length; i++) {
            mask[i] = Pixels.distance(rgb[i], background) > TOLERANCE ? FOREGROUND : BACKGROUND;
        }
        for (int i = 0; i < rgb.length; i++) {
            if (mask[i] == FOREGROUND) {
                flood(i, FOREGROUND, true, foreground);
            } else if (mask[i] == BACKGROUND) {
                flood(i, BACKGROUND, false, holes);
            }
        }
    }

    private void flood(int start, byte kind, boolean eightConnected, Blobs into) {
        int width = pixels.width;
        int height = pixels.height;
        int top = 0;
        stack[top++] = start;
        mask[start] |= SEEN;
        int area = 0;
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        int strongest = 0;
        while (top > 0) {
            int at = stack[--top];
            int y = at / width;
            int x = at - y * width;
            area++;
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            if (kind == FOREGROUND) {
                // Only a mark's contrast is read (by the text heuristic); a hole's is not.
                strongest = Math.max(strongest, Pixels.distance(pixels.rgb[at], background));
            }
            // The neighbours spelled out rather than looped over: this is the innermost loop of every check.
            boolean left = x > 0;
            boolean right = x < width - 1;
            boolean up = y > 0;
            boolean down = y < height - 1;
            top = push(at - 1, left, kind, top);
            top = push(at + 1, right, kind, top);
            top = push(at - width, up, kind, top);
            top = push(at + width, down, kind, top);
            if (eightConnected) {
                top = push(at - width - 1, up && left, kind, top);
                top = push(at - width + 1, up && right, kind, top);
                top = push(at + width - 1, down && left, kind, top);
                top = push(at + width + 1, down && right, kind, top);
            }
        }
        var box = new Box(minX, minY, maxX, maxY);
        // The background that reaches the border is the background itself, not a hole.
        if (kind == FOREGROUND || !touchesBorder(box)) {
            into.add(area, box, strongest);
        }
    }

    private int push(int next, boolean inside, byte kind, int top) {
        if (inside && mask[next] == kind) {
            mask[next] |= SEEN;
            stack[top++] = next;
        }
        return top;
    }

    private boolean touchesBorder(Box box) {
        return box.minX() == 0 || box.minY() == 0 || box.maxX() == pixels.width - 1 || box.maxY() == pixels.height - 1;
    }
}
