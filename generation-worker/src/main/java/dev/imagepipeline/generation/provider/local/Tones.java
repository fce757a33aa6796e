package dev.imagepipeline.generation.provider.local;

import java.awt.Color;
import java.util.Random;

/** Colour arithmetic for the scenes. */
final class Tones {

    private Tones() {
    }

    static Color mix(Color from, Color to, double amount) {
        return new Color(blend(from.getRed(), to.getRed(), amount), blend(from.getGreen(), to.getGreen(), amount),
                blend(from.getBlue(), to.getBlue(), amount), blend(from.getAlpha(), to.getAlpha(), amount));
    }

    static Color alpha(Color colour, int alpha) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), alpha);
    }

    /** A saturated product colour of any hue. */
    static Color vivid(Random random) {
        return Color.getHSBColor(random.nextFloat(), 0.45f + 0.3f * random.nextFloat(),
                0.6f + 0.25f * random.nextFloat());
    }

    /** A quiet colour of any hue, for products that should not shout. */
    static Color muted(Random random) {
        return Color.getHSBColor(random.nextFloat(), 0.18f + 0.12f * random.nextFloat(),
                0.55f + 0.2f * random.nextFloat());
    }

    /** Relative luminance from 0 (black) to 1 (white), by the Rec. 709 weights. */
    static double luminance(Color colour) {
        return (0.2126 * colour.getRed() + 0.7152 * colour.getGreen() + 0.0722 * colour.getBlue()) / 255;
    }

    private static int blend(int from, int to, double amount) {
        return (int) Math.round(from + (to - from) * amount);
    }
}
