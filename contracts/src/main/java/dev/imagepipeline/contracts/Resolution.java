package dev.imagepipeline.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The square output sizes the API offers. */
public enum Resolution {
    @JsonProperty("512x512")
    R512(512),
    @JsonProperty("768x768")
    R768(768),
    @JsonProperty("1024x1024")
    R1024(1024);

    private final int side;

    Resolution(int side) {
        this.side = side;
    }

    public int width() {
        return side;
    }

    public int height() {
        return side;
    }

    /** The name on the wire and in the HTTP API, e.g. {@code 1024x1024}. */
    public String wireName() {
        return side + "x" + side;
    }
}
