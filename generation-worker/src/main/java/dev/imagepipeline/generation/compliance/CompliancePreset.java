package dev.imagepipeline.generation.compliance;

import dev.imagepipeline.contracts.Marketplace;

/**
 * One marketplace's image rules, as numbers the checks measure against. The defaults follow the prompt engine's
 * presets of the same id, so a prompt written for a channel is judged by that channel's rules.
 *
 * @param marketplace the channel, by the id the prompt engine uses ({@code amazon_main}, {@code web_shop_square})
 * @param summary the rules in one line
 * @param background what the border of the image must be
 * @param fill how much of the frame the product must span
 * @param frame the image's size and shape
 * @param noText whether text-like marks outside the product fail the image
 */
public record CompliancePreset(Marketplace marketplace, String summary, Background background, Fill fill, Frame frame,
        boolean noText) {

    /** The rules a marketplace gets unless configured otherwise. */
    public static CompliancePreset defaults(Marketplace marketplace) {
        return switch (marketplace) {
            case AMAZON_MAIN -> new CompliancePreset(marketplace,
                    "Amazon main image: pure white (RGB 255, 255, 255) background, the product spanning about 85% of "
                            + "a square frame, at least 1000 px on the longest side, no text.",
                    new Background(255, 0.99, 235), new Fill(0.80, 0.95, 0.85),
                    new Frame(1000, 10_000, 2000, 1.0, 0.02), true);
            case WEB_SHOP_SQUARE -> new CompliancePreset(marketplace,
                    "Generic web-shop listing: a square image on white or a light background, the product spanning "
                            + "60% to 90% of the frame, at least 768 px, no text.",
                    new Background(230, 0.98, 235), new Fill(0.60, 0.90, 0.75), new Frame(768, 5000, 1200, 1.0, 0.02),
                    true);
        };
    }

    /**
     * What the border band of the image must be.
     *
     * @param floor a border pixel conforms when each of its channels is at least this: 255 means pure white only, a
     *        lower value also takes a light background
     * @param minShare the share of the border band's pixels that must conform
     * @param snapFloor the fix turns background pixels whose channels are all at least this into pure white
     */
    public record Background(int floor, double minShare, int snapFloor) {

        public Background {
            requireChannel("floor", floor);
            requireChannel("snapFloor", snapFloor);
            requireShare("minShare", minShare);
        }
    }

    /**
     * How much of the frame the product's bounding box spans, along the axis where it spans most: a tall bottle in a
     * square frame fills it by its height.
     *
     * @param min the least span that passes
     * @param max the largest span that passes
     * @param target the span the fix frames the product to
     */
    public record Fill(double min, double max, double target) {

        public Fill {
            requireShare("min", min);
            requireShare("max", max);
            requireShare("target", target);
            if (min > max || target < min || target > max || target == 0) {
                throw new IllegalArgumentException(
                        "fill needs 0 < min <= target <= max <= 1, not %s, %s, %s".formatted(min, target, max));
            }
        }
    }

    /**
     * The image's size and shape.
     *
     * @param minLongestSide the fewest pixels on the longest side that pass
     * @param maxLongestSide the most pixels on the longest side that pass
     * @param longestSide the fix scales a larger image down to this many pixels on its longest side, never up
     * @param aspect width divided by height; 1 is square
     * @param aspectTolerance how far, as a share of {@code aspect}, the image's aspect may be from it
     */
    public record Frame(int minLongestSide, int maxLongestSide, int longestSide, double aspect,
            double aspectTolerance) {

        public Frame {
            if (minLongestSide < 1 || minLongestSide > longestSide || longestSide > maxLongestSide) {
                throw new IllegalArgumentException("frame needs 1 <= minLongestSide <= longestSide <= maxLongestSide");
            }
            if (aspect <= 0 || aspectTolerance < 0) {
                throw new IllegalArgumentException("frame needs a positive aspect and a tolerance of at least 0");
            }
        }

        double minAspect() {
            return aspect * (1 - aspectTolerance);
        }

        double maxAspect() {
            return aspect * (1 + aspectTolerance);
        }
    }

    private static void requireChannel(String name, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(name + " must be a channel value from 0 to 255, not " + value);
        }
    }

    private static void requireShare(String name, double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(name + " must be a share from 0 to 1, not " + value);
        }
    }
}
