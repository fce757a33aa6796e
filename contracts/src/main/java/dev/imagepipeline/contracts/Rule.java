package dev.imagepipeline.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One check an image goes through; its name on the wire is the lower-case one, e.g. {@code no_text}. */
public enum Rule {
    /** The share of the border band that is the preset's background. */
    @JsonProperty("background")
    BACKGROUND,
    /** The product's bounding box against the frame, along the axis where it spans most. */
    @JsonProperty("fill")
    FILL,
    /** How many edges of the frame the product touches, where it may be cut off. */
    @JsonProperty("border_clearance")
    BORDER_CLEARANCE,
    /** The longest side in pixels. */
    @JsonProperty("size")
    SIZE,
    /** Width divided by height. */
    @JsonProperty("aspect")
    ASPECT,
    /** Text-like marks outside the product, found by a heuristic. */
    @JsonProperty("no_text")
    NO_TEXT
}
