package dev.imagepipeline.prompt.engine;

import java.util.List;
import java.util.stream.Stream;

import dev.imagepipeline.contracts.Style;

/**
 * How a style looks, and what it does to the rest of the photo.
 *
 * @param summary one line for pickers
 * @param look lighting and composition terms that hold in any setting
 * @param setting terms that place the product somewhere; a marketplace that demands a plain background drops them
 * @param ownAngle the style sets the camera angle itself, so the category's angle is left out
 * @param props what the style does with the category's props and scene
 * @param negativeTerms what the style must keep out
 */
public record StyleProfile(Style style, String summary, List<String> look, List<String> setting, boolean ownAngle,
        Props props, List<String> negativeTerms) {

    /** What a style does with a category's props and scene. */
    public enum Props {
        /** the product alone */
        NONE,
        /** the product in use, in the category's scene */
        SCENE,
        /** the category's props as accents */
        ACCENTS,
        /** the category's props laid out around the product */
        ARRANGED
    }

    public static StyleProfile of(Style style) {
        return switch (style) {
            case STUDIO -> new StyleProfile(style, "Controlled studio light on a neutral backdrop: the catalogue shot.",
                    List.of("studio lighting", "softbox", "sharp focus"), List.of("neutral background"), false,
                    Props.NONE, List.of("cluttered background", "harsh shadows"));
            case LIFESTYLE -> new StyleProfile(style, "The product in use, in a real setting, in natural light.",
                    List.of("natural lighting"), List.of("lifestyle setting", "in-use context"), false, Props.SCENE,
                    List.of("artificial lighting", "stiff posing"));
            case WHITE_BACKGROUND -> new StyleProfile(style, "Isolated on pure white: ready for any shop.",
                    List.of("pure white background", "e-commerce style", "centered"), List.of(), false, Props.NONE,
                    List.of("props", "cast shadows on background", "gradient background", "colored backdrop"));
            case MINIMAL -> new StyleProfile(style, "Few elements, clean lines and space around the product.",
                    List.of("minimalist composition", "clean lines", "subtle shadows"), List.of(), false, Props.NONE,
                    List.of("clutter", "busy background"));
            case LUXURY -> new StyleProfile(style, "Dramatic light and rich surfaces for premium goods.",
                    List.of("dramatic lighting", "premium feel", "high-end aesthetic"),
                    List.of("on a dark marble surface"), false, Props.ACCENTS,
                    List.of("cheap look", "plastic sheen", "flat lighting"));
            case FLAT_LAY -> new StyleProfile(style, "Shot straight down on items arranged on a surface.",
                    List.of("flat lay", "top-down overhead view", "neatly arranged composition", "even soft lighting"),
                    List.of(), true, Props.ARRANGED, List.of("perspective distortion", "tilted angle", "side view"));
        };
    }

    /** Every modifier the style adds, as the templates endpoint lists them. */
    public List<String> modifiers() {
        return Stream.concat(look.stream(), setting.stream()).toList();
    }
}
