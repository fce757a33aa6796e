package dev.imagepipeline.prompt.engine;

import java.util.List;

import dev.imagepipeline.contracts.Category;

/**
 * What a product photographer knows about one kind of product.
 *
 * @param summary one line for pickers
 * @param angle the camera angle and lens that show this kind of product best
 * @param cues the materials, surfaces and qualities the photo must render well
 * @param props things that may share the frame, where the style allows props
 * @param scene where the product is seen in use, for lifestyle photos
 * @param negativeTerms the defects this kind of product photographs with
 */
public record CategoryProfile(Category category, String summary, String angle, List<String> cues, List<String> props,
        String scene, List<String> negativeTerms) {

    public static CategoryProfile of(Category category) {
        return switch (category) {
            case ELECTRONICS -> new CategoryProfile(category, "Devices and gadgets: crisp edges, glass and metal.",
                    "three-quarter view, 85mm lens",
                    List.of("crisp edges", "controlled reflections on glass and metal"),
                    List.of("minimal desk accessories"), "on a tidy modern desk in a bright home office",
                    List.of("fingerprints", "smudged screen", "glare", "dust", "tangled cables"));
            case APPAREL -> new CategoryProfile(category, "Clothing: fabric, fit and drape.", "front view, 50mm lens",
                    List.of("visible fabric texture", "natural drape", "true-to-life fabric color"),
                    List.of("matching accessories"), "worn by a model on a sunlit city street",
                    List.of("wrinkles", "lint", "loose threads", "deformed body", "extra limbs"));
            case FOOTWEAR -> new CategoryProfile(category, "Shoes and boots: silhouette, stitching and sole.",
                    "three-quarter side view at shoe level, 85mm lens",
                    List.of("visible stitching and sole detail", "clean laces"), List.of("a shoe box"),
                    "worn on a city pavement, mid-step",
                    List.of("scuffs", "dirty soles", "mismatched pair", "deformed shoes"));
            case JEWELRY -> new CategoryProfile(category, "Rings, necklaces, watches: sparkle and polished metal.",
                    "macro close-up, 100mm macro lens",
                    List.of("sparkling highlights", "polished metal", "crisp fine detail"),
                    List.of("a velvet display stand"), "worn on skin in soft daylight, close-up",
                    List.of("fingerprints", "dull metal", "scratches", "tarnish", "dust"));
            case BEAUTY -> new CategoryProfile(category, "Cosmetics and skincare: packaging and texture.",
                    "eye-level front view, 100mm lens",
                    List.of("clean glossy packaging", "smooth product texture", "soft diffused light"),
                    List.of("water droplets", "fresh botanicals"), "on a marble bathroom shelf in morning light",
                    List.of("smudged packaging", "spilled product", "greasy residue", "cracked container"));
            case FURNITURE -> new CategoryProfile(category, "Chairs, tables, sofas: the whole piece, true proportions.",
                    "wide eye-level shot, 35mm lens, whole piece in frame",
                    List.of("true-to-life wood grain and upholstery", "accurate proportions"),
                    List.of("a potted plant", "a folded throw"), "in a bright, styled living room",
                    List.of("cropped furniture", "warped lines", "distorted perspective"));
            case HOME_DECOR -> new CategoryProfile(category, "Vases, lamps, textiles: texture and warmth.",
                    "three-quarter view, 50mm lens", List.of("tactile materials", "warm tones"),
                    List.of("a stack of books", "a small vase"), "on a styled sideboard in a cosy living room",
                    List.of("clutter", "harsh shadows", "dust"));
            case KITCHENWARE -> new CategoryProfile(category, "Cookware and tableware: material and finish.",
                    "three-quarter view from slightly above, 50mm lens",
                    List.of("clean finish", "true material detail"), List.of("fresh ingredients", "a linen towel"),
                    "on a kitchen counter in natural morning light",
                    List.of("food stains", "water spots", "grease", "rust"));
            case FOOD_AND_BEVERAGE -> new CategoryProfile(category, "Food and drink: fresh, appetising, true colour.",
                    "45-degree angle, 100mm lens, shallow depth of field",
                    List.of("fresh and appetizing", "vibrant natural colors", "glistening texture"),
                    List.of("fresh ingredients", "a rustic wooden board"), "on a café table in warm light",
                    List.of("spoiled food", "unappetizing", "artificial colors", "messy crumbs"));
            case TOYS -> new CategoryProfile(category, "Toys and games: bright, playful, safe.",
                    "eye-level three-quarter view, 50mm lens",
                    List.of("bright saturated colors", "playful", "rounded safe edges"), List.of("a colorful play mat"),
                    "in a bright playroom, mid-play", List.of("broken parts", "creepy face", "deformed toy"));
            case SPORTS -> new CategoryProfile(category, "Sports and outdoor gear: durable, dynamic.",
                    "dynamic low angle, 35mm lens", List.of("durable technical materials", "dynamic energy"),
                    List.of("a water bottle", "a towel"), "outdoors at a sports ground, in action",
                    List.of("worn out", "dirty", "torn", "deformed equipment"));
            case OTHER -> new CategoryProfile(category, "Anything else: true-to-life and clear.",
                    "three-quarter view, 50mm lens", List.of("true-to-life colors and materials"), List.of(),
                    "in a natural everyday setting", List.of());
        };
    }
}
