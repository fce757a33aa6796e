package dev.imagepipeline.contracts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A sales channel whose image rules the prompt engine writes for, such as Amazon's main-image rules. */
public enum Marketplace {
    @JsonProperty("amazon_main")
    AMAZON_MAIN,
    @JsonProperty("web_shop_square")
    WEB_SHOP_SQUARE;

    /** The name on the wire and in the HTTP API, e.g. {@code amazon_main}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
