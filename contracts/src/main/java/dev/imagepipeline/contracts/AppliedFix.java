package dev.imagepipeline.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One change the auto-fix made to a copy of the image.
 *
 * @param measure what {@code before} and {@code after} measure, e.g. {@code fill} or {@code longest_side}
 * @param reason what was changed and why, in a sentence
 */
public record AppliedFix(Kind fix, String measure, double before, double after, String reason) {

    /** The kinds of change the auto-fix makes, each safe for the product itself. */
    public enum Kind {
        /** Near-white background reached from the border made pure white; the product's own whites stay. */
        @JsonProperty("snap_background")
        SNAP_BACKGROUND,
        /** Padded or cropped to the preset's aspect and fill, around the product, never through it. */
        @JsonProperty("reframe")
        REFRAME,
        /** Scaled down to the preset's size; never up. */
        @JsonProperty("resize")
        RESIZE
    }
}
