package dev.imagepipeline.generation.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.imagepipeline.contracts.AppliedFix;
import dev.imagepipeline.contracts.ComplianceCheck;
import dev.imagepipeline.contracts.Rule;

/**
 * The auto-fix: on a copy, snaps the near-white background to white, reframes the product to the preset's aspect and
 * fill, and scales a large image down; each only when a rule asks for it, and none ever paints over, cuts through or
 * enlarges the product.
 */
final class Fixes {

    private static final int WHITE = 0xffffff;

    final List<AppliedFix> applied = new ArrayList<>();
    final List<String> unfixed = new ArrayList<>();

    private final CompliancePreset preset;
    private Pixels pixels;
    private Analysis analysis;

    private Fixes(Pixels original, Analysis analysis, CompliancePreset preset) {
        this.pixels = new Pixels(original.width, original.height, original.rgb.clone());
        this.analysis = analysis;
        this.preset = preset;
    }

    /** Fixes a copy of the image; the original is left as it is. */
    static Fixes apply(Pixels original, Analysis analysis, ComplianceCheck check, CompliancePreset preset) {
        var fixes = new Fixes(original, analysis, preset);
        if (failed(check, Rule.BACKGROUND)) {
            fixes.snapBackground();
        }
        if (failed(check, Rule.FILL) || failed(check, Rule.ASPECT)) {
            fixes.reframe();
        }
        fixes.resize();
        if (failed(check, Rule.SIZE) && original.longestSide() < preset.frame().minLongestSide()) {
            fixes.unfixed
                    .add("the image is %d px on its longest side, below the %d px wanted: scaling up adds no detail, "
                            .formatted(original.longestSide(), preset.frame().minLongestSide())
                            + "so it was not enlarged");
        }
        return fixes;
    }

    Pixels pixels() {
        return pixels;
    }

    /** The analysis of {@link #pixels()} as they now are. */
    Analysis analysis() {
        return analysis;
    }

    boolean changed() {
        return !applied.isEmpty();
    }

    private static boolean failed(ComplianceCheck check, Rule rule) {
        return check.rule(rule).map(result -> !result.passed()).orElse(false);
    }

    /**
     * Floods from the border through near-white pixels (4-connected, so it cannot slip through a diagonal outline)
     * and makes them white: the product's own whites, enclosed by its outline, are never reached.
     */
    private void snapBackground() {
        int floor = preset.background().snapFloor();
        var rgb = pixels.rgb;
        var reached = new boolean[rgb.length];
        var stack = new int[rgb.length];
        int top = 0;
        for (int i = 0; i < rgb.length; i++) {
            int x = i % pixels.width;
            int y = i / pixels.width;
            boolean border = x == 0 || y == 0 || x == pixels.width - 1 || y == pixels.height - 1;
            if (border && Pixels.minChannel(rgb[i]) >= floor && !reached[i]) {
                reached[i] = true;
                stack[top++] = i;
            }
            if (!border && y > 0 && y < pixels.height - 1) {
                i += pixels.width - 3;
            }
        }
        int snapped = 0;
        while (top > 0) {
            int at = stack[--top];
            if (rgb[at] != WHITE) {
                rgb[at] = WHITE;
                snapped++;
            }
            int x = at % pixels.width;
            int y = at / pixels.width;
            top = push(at - 1, x > 0, floor, reached, stack, top);
            top = push(at + 1, x < pixels.width - 1, floor, reached, stack, top);
            top = push(at - pixels.width, y > 0, floor, reached, stack, top);
            top = push(at + pixels.width, y < pixels.height - 1, floor, reached, stack, top);
        }
        if (snapped == 0) {
            if (Pixels.minChannel(analysis.background()) >= floor) {
                return;
            }
            unfixed.add("the background is not near-white (channels of at least %d), so it was not made white"
                    .formatted(floor));
            return;
        }
        double before = analysis.borderShareAtLeast(preset.background().floor());
        analysis = Analysis.of(pixels);
        double after = analysis.borderShareAtLeast(preset.background().floor());
        applied.add(new AppliedFix(AppliedFix.Kind.SNAP_BACKGROUND, "background_share", Rules.round(before),
                Rules.round(after), ("made %d near-white background pixels (channels of at least %d, reached from the "
                        + "border) pure white").formatted(snapped, floor)));
    }

    private int push(int next, boolean inside, int floor, boolean[] reached, int[] stack, int top) {
        if (inside && !reached[next] && Pixels.minChannel(pixels.rgb[next]) >= floor) {
            reached[next] = true;
            stack[top++] = next;
        }
        return top;
    }

    /** Pads or crops around the product so it spans the preset's target fill of a frame of the preset's aspect. */
    private void reframe() {
        var product = analysis.product();
        if (product == null) {
            unfixed.add("no product found, so the image was not reframed");
            return;
        }
        var edges = analysis.touchedEdges();
        if (!edges.isEmpty()) {
            unfixed.add(("the product touches the %s edge and may be cut off: padding would show the cut, so the image "
                    + "was not reframed").formatted(edges));
            return;
        }
        var frame = frameAround(product);
        double before = Rules.fill(analysis, preset.fill()).measured();
        int fromWidth = pixels.width;
        int fromHeight = pixels.height;
        pixels = copy(frame, analysis.background());
        analysis = Analysis.of(pixels);
        double after = Rules.fill(analysis, preset.fill()).measured();
        boolean padded = frame.minX() < 0 || frame.minY() < 0 || frame.maxX() >= fromWidth
                || frame.maxY() >= fromHeight;
        boolean cropped = frame.minX() > 0 || frame.minY() > 0 || frame.maxX() < fromWidth - 1
                || frame.maxY() < fromHeight - 1;
        var how = padded && cropped ? "padded and cropped" : padded ? "padded" : "cropped";
        applied.add(new AppliedFix(AppliedFix.Kind.REFRAME, "fill", before, after,
                "%s %dx%d to %dx%d around the product, centred, so it spans %s of the frame".formatted(how, fromWidth,
                        fromHeight, pixels.width, pixels.height, String.format(Locale.ROOT, "%.1f%%", after * 100))));
    }

    /**
     * The frame of the preset's aspect in which the product spans the target fill, centred on it; never smaller than
     * the preset's least size while the image was at least that large, as scaling up is no fix.
     */
    private Box frameAround(Box product) {
        double aspect = preset.frame().aspect();
        double target = preset.fill().target();
        double width = Math.max(product.width() / target, product.height() * aspect / target);
        int least = Math.min(preset.frame().minLongestSide(), pixels.longestSide());
        double longest = Math.max(width, width / aspect);
        if (longest < least) {
            width *= least / longest;
        }
        int frameWidth = (int) Math.ceil(width);
        int frameHeight = (int) Math.ceil(width / aspect);
        int minX = (int) Math.round(product.centreX() - frameWidth / 2.0);
        int minY = (int) Math.round(product.centreY() - frameHeight / 2.0);
        return new Box(minX, minY, minX + frameWidth - 1, minY + frameHeight - 1);
    }

    /** The pixels inside the frame, with the background colour where the frame reaches past the image. */
    private Pixels copy(Box frame, int background) {
        var framed = Pixels.filled(frame.width(), frame.height(), background);
        for (int y = Math.max(0, frame.minY()); y <= Math.min(pixels.height - 1, frame.maxY()); y++) {
            int fromX = Math.max(0, frame.minX());
            int toX = Math.min(pixels.width - 1, frame.maxX());
            System.arraycopy(pixels.rgb, y * pixels.width + fromX, framed.rgb,
                    (y - frame.minY()) * framed.width + fromX - frame.minX(), toX - fromX + 1);
        }
        return framed;
    }

    /** Scales down to the preset's longest side by averaging each target pixel's source area; never up. */
    private void resize() {
        int target = preset.frame().longestSide();
        int longest = pixels.longestSide();
        if (longest <= target) {
            return;
        }
        double scale = (double) target / longest;
        int width = Math.max(1, (int) Math.round(pixels.width * scale));
        int height = Math.max(1, (int) Math.round(pixels.height * scale));
        pixels = Downscale.to(pixels, width, height);
        analysis = Analysis.of(pixels);
        applied.add(new AppliedFix(AppliedFix.Kind.RESIZE, "longest_side", longest, pixels.longestSide(),
                "scaled down to %dx%d, the preset's %d px on the longest side".formatted(width, height, target)));
    }
}
