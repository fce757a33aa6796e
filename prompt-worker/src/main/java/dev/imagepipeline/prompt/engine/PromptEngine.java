package dev.imagepipeline.prompt.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Limits;
import dev.imagepipeline.contracts.Style;

/**
 * Writes a product-photography prompt, most important part first: the product, the style's modifiers, what suits the
 * category, then quality terms; and the
 * negative prompt that keeps common defects out.
 */
public final class PromptEngine {

    static final String BASE_TEMPLATE = "Professional product photography of %s";
    static final String QUALITY_MODIFIERS = "8K resolution, high detail, commercial photography";
    static final String NEGATIVE_PROMPT = "blurry, distorted, low quality, watermark, text, logo";

    private static final Map<Style, String> STYLE_MODIFIERS = new EnumMap<>(
            Map.of(Style.STUDIO, "studio lighting, softbox, neutral background, sharp focus", Style.LIFESTYLE,
                    "natural lighting, lifestyle setting, in-use context", Style.WHITE_BACKGROUND,
                    "pure white background, e-commerce style, centered", Style.MINIMAL,
                    "minimalist composition, clean lines, subtle shadows", Style.LUXURY,
                    "dramatic lighting, premium feel, high-end aesthetic", Style.FLAT_LAY,
                    "flat lay, top-down overhead view, neatly arranged composition, even soft lighting"));

    private static final Map<Category, String> CATEGORY_CUES = new EnumMap<>(
            Map.ofEntries(Map.entry(Category.ELECTRONICS, "sleek device, crisp edges, subtle reflections"),
                    Map.entry(Category.APPAREL, "visible fabric texture, natural drape"),
                    Map.entry(Category.FOOTWEAR, "three-quarter view, stitching detail"),
                    Map.entry(Category.JEWELRY, "macro detail, sparkling highlights, polished metal"),
                    Map.entry(Category.BEAUTY, "glossy packaging, soft diffused light"),
                    Map.entry(Category.FURNITURE, "whole piece in frame, true-to-life materials"),
                    Map.entry(Category.HOME_DECOR, "tactile materials, warm tones"),
                    Map.entry(Category.KITCHENWARE, "clean finish, true material detail"),
                    Map.entry(Category.FOOD_AND_BEVERAGE, "fresh, appetizing, vibrant colors"),
                    Map.entry(Category.TOYS, "playful, bright colors"),
                    Map.entry(Category.SPORTS, "dynamic, durable materials"),
                    Map.entry(Category.OTHER, "true-to-life colors")));

    private static final int INFERENCE_STEPS = 30;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public PreparedPrompt prepare(String description, Category category, Style style,
            @Nullable String additionalContext) {
        var prompt = new StringBuilder(BASE_TEMPLATE.formatted(clean(description)));
        if (additionalContext != null && !additionalContext.isBlank()) {
            prompt.append(", ").append(clean(additionalContext));
        }
        prompt.append(", ")
                .append(STYLE_MODIFIERS.get(style))
                .append(", ")
                .append(CATEGORY_CUES.get(category))
                .append(", ")
                .append(QUALITY_MODIFIERS);
        return new PreparedPrompt(prompt.toString(), NEGATIVE_PROMPT,
                new SuggestedSettings(Limits.DEFAULT_GUIDANCE_SCALE, INFERENCE_STEPS));
    }

    /** The modifiers a style adds to a prompt. */
    public static String modifiers(Style style) {
        return STYLE_MODIFIERS.get(style);
    }

    /** User text stays the subject, on one line and within bounds. */
    static String clean(String text) {
        String flat = SPACES.matcher(CONTROL.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
        return flat.length() <= Limits.MAX_DESCRIPTION_LENGTH ? flat : flat.substring(0, Limits.MAX_DESCRIPTION_LENGTH);
    }
}
