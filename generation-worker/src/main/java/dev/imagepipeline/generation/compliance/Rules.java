package dev.imagepipeline.generation.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.imagepipeline.contracts.ComplianceCheck;
import dev.imagepipeline.contracts.Rule;
import dev.imagepipeline.contracts.RuleResult;

/** Turns an analysis into one verdict per rule of a preset. */
final class Rules {

    private Rules() {
    }

    static ComplianceCheck check(Analysis analysis, CompliancePreset preset) {
        var results = new ArrayList<RuleResult>(
                List.of(background(analysis, preset.background()), fill(analysis, preset.fill()),
                        borderClearance(analysis), size(analysis, preset.frame()), aspect(analysis, preset.frame())));
        if (preset.noText()) {
            results.add(noText(analysis));
        }
        var pixels = analysis.pixels();
        return ComplianceCheck.of(preset.marketplace(), pixels.width, pixels.height, results);
    }

    static RuleResult background(Analysis analysis, CompliancePreset.Background background) {
        double share = round(analysis.borderShareAtLeast(background.floor()));
        int deviation = analysis.borderMaxDeviation();
        var wanted = background.floor() == 255
                ? "pure white (255, 255, 255)"
                : "white or light (every channel at least %d)".formatted(background.floor());
        var reason = "%s of the %d px border band is %s, %s needed; the darkest border pixel is %d levels below white"
                .formatted(percent(share), analysis.band(), wanted, percent(background.minShare()), deviation);
        return RuleResult.judge(Rule.BACKGROUND, share, background.minShare(), null, reason,
                Map.of("pure_white_share", round(analysis.borderShareAtLeast(255)), "max_deviation", (double) deviation,
                        "band_px", (double) analysis.band()));
    }

    static RuleResult fill(Analysis analysis, CompliancePreset.Fill fill) {
        var product = analysis.product();
        if (product == null) {
            return RuleResult.judge(Rule.FILL, 0, fill.min(), fill.max(),
                    "no product found: nothing differs from the background", Map.of());
        }
        var pixels = analysis.pixels();
        double across = (double) product.width() / pixels.width;
        double down = (double) product.height() / pixels.height;
        double span = round(Math.max(across, down));
        var verdict = span < fill.min() ? "too small in the frame" : span > fill.max() ? "too large for the frame" : "";
        var reason = "the product spans %s of the frame's %s, %s to %s wanted%s".formatted(percent(span),
                across >= down ? "width" : "height", percent(fill.min()), percent(fill.max()),
                verdict.isEmpty() ? "" : ": " + verdict);
        return RuleResult.judge(Rule.FILL, span, fill.min(), fill.max(), reason,
                Map.of("width_share", round(across), "height_share", round(down), "area_share", round(across * down)));
    }

    static RuleResult borderClearance(Analysis analysis) {
        var edges = analysis.touchedEdges();
        int touched = edges.isEmpty() ? 0 : edges.split(", ").length;
        var reason = touched == 0
                ? "the product keeps clear of every edge"
                : "the product touches the %s edge%s and may be cut off".formatted(edges, touched > 1 ? "s" : "");
        return RuleResult.judge(Rule.BORDER_CLEARANCE, touched, null, 0.0, reason, Map.of());
    }

    static RuleResult size(Analysis analysis, CompliancePreset.Frame frame) {
        int longest = analysis.pixels().longestSide();
        var reason = "the longest side is %d px, %d to %d px wanted".formatted(longest, frame.minLongestSide(),
                frame.maxLongestSide());
        return RuleResult.judge(Rule.SIZE, longest, (double) frame.minLongestSide(), (double) frame.maxLongestSide(),
                reason, Map.of());
    }

    static RuleResult aspect(Analysis analysis, CompliancePreset.Frame frame) {
        var pixels = analysis.pixels();
        double aspect = round((double) pixels.width / pixels.height);
        var reason = "%dx%d is %s wide per unit of height, %s wanted (within %s)".formatted(pixels.width, pixels.height,
                number(aspect), number(frame.aspect()), percent(frame.aspectTolerance()));
        return RuleResult.judge(Rule.ASPECT, aspect, round(frame.minAspect()), round(frame.maxAspect()), reason,
                Map.of());
    }

    static RuleResult noText(Analysis analysis) {
        var pixels = analysis.pixels();
        int marks = TextMarks.count(analysis.regions(), analysis.mainBlob(), pixels.width, pixels.height);
        var reason = marks == 0
                ? "no text-like marks outside the product (a heuristic: text on the product is not seen)"
                : "%d marks outside the product stand in rows like letters: text, a logo or a watermark (a heuristic)"
                        .formatted(marks);
        return RuleResult.judge(Rule.NO_TEXT, marks, null, 0.0, reason, Map.of());
    }

    /** Four decimals: enough for a share of a few million pixels, and short on the wire. */
    static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
