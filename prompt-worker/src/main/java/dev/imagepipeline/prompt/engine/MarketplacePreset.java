package dev.imagepipeline.prompt.engine;

import java.util.List;

import dev.imagepipeline.contracts.Marketplace;

/**
 * A sales channel's rules for its images, as far as a prompt and settings can meet them.
 *
 * @param summary the channel's rules in one line
 * @param terms what the prompt asks for to meet them
 * @param negativeTerms what the rules forbid
 * @param minSide the smallest side in pixels the channel accepts
 * @param plainBackground the rules demand a plain background, so a style's setting is left out
 * @param noProps the rules demand the product alone, so props and scenes are left out
 */
public record MarketplacePreset(Marketplace marketplace, String summary, List<String> terms, List<String> negativeTerms,
        int minSide, boolean plainBackground, boolean noProps) {

    public static MarketplacePreset of(Marketplace marketplace) {
        return switch (marketplace) {
            case AMAZON_MAIN -> new MarketplacePreset(marketplace,
                    "Amazon main image: the product alone on pure white (RGB 255, 255, 255), filling about 85% of a "
                            + "square frame, no text, logos or props, at least 1000 px on the longest side.",
                    List.of("isolated on a pure white background", "single product filling 85% of the frame",
                            "centered square composition"),
                    List.of("props", "text overlay", "badges", "border", "multiple products", "off-white background",
                            "cast shadows on background"),
                    1000, true, true);
            case WEB_SHOP_SQUARE -> new MarketplacePreset(marketplace,
                    "Generic web-shop listing: a square image, the product centred and filling about 75% with even "
                            + "margins, nothing covering it, at least 768 px.",
                    List.of("centered square composition", "product filling 75% of the frame with even margins"),
                    List.of("cropped product", "text overlay", "border"), 768, false, false);
        };
    }
}
