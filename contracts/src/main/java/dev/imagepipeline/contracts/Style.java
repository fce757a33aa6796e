package dev.imagepipeline.contracts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The photographic style a product image is made in. */
public enum Style {
    @JsonProperty("studio")
    STUDIO,
    @JsonProperty("lifestyle")
    LIFESTYLE,
    @JsonProperty("white_background")
    WHITE_BACKGROUND,
    @JsonProperty("minimal")
    MINIMAL,
    @JsonProperty("luxury")
    LUXURY,
    @JsonProperty("flat_lay")
    FLAT_LAY;

    /** The name on the wire and in the HTTP API, e.g. {@code white_background}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
