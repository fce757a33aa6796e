package dev.imagepipeline.contracts;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kind of product, which decides materials, angle, props and negative terms. */
public enum Category {
    @JsonProperty("electronics")
    ELECTRONICS,
    @JsonProperty("apparel")
    APPAREL,
    @JsonProperty("footwear")
    FOOTWEAR,
    @JsonProperty("jewelry")
    JEWELRY,
    @JsonProperty("beauty")
    BEAUTY,
    @JsonProperty("furniture")
    FURNITURE,
    @JsonProperty("home_decor")
    HOME_DECOR,
    @JsonProperty("kitchenware")
    KITCHENWARE,
    @JsonProperty("food_and_beverage")
    FOOD_AND_BEVERAGE,
    @JsonProperty("toys")
    TOYS,
    @JsonProperty("sports")
    SPORTS,
    @JsonProperty("other")
    OTHER;

    /** The name on the wire and in the HTTP API, e.g. {@code home_decor}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
