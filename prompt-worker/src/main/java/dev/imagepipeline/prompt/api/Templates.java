package dev.imagepipeline.prompt.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.prompt.engine.CategoryProfile;
import dev.imagepipeline.prompt.engine.MarketplacePreset;
import dev.imagepipeline.prompt.engine.ModelCatalog;
import dev.imagepipeline.prompt.engine.PromptEngine;
import dev.imagepipeline.prompt.engine.StyleProfile;

/**
 * The body of {@code GET /api/prompt/templates}: everything a front-end needs to render pickers and explain them.
 *
 * @param basePrompt the template the description is put into
 */
record Templates(String basePrompt, List<String> qualityModifiers, List<String> baseNegativeTerms,
        List<CategoryTemplate> categories, List<StyleTemplate> styles, List<MarketplaceTemplate> marketplaces,
        List<PromptView.Model> models) {

    static Templates all() {
        return new Templates(PromptEngine.BASE_TEMPLATE.formatted("{description}"), PromptEngine.QUALITY_TERMS,
                PromptEngine.BASE_NEGATIVE_TERMS,
                Arrays.stream(Category.values()).map(CategoryProfile::of).map(CategoryTemplate::of).toList(),
                Arrays.stream(Style.values()).map(StyleProfile::of).map(StyleTemplate::of).toList(),
                Arrays.stream(Marketplace.values()).map(MarketplacePreset::of).map(MarketplaceTemplate::of).toList(),
                ModelCatalog.models().stream().map(PromptView.Model::of).toList());
    }

    /**
     * @param modifiers the angle and the qualities the category adds to every prompt
     * @param props things that may share the frame where the style allows them
     * @param scene where lifestyle photos show the product
     */
    record CategoryTemplate(String id, String description, List<String> modifiers, List<String> props, String scene,
            List<String> negativeTerms) {

        static CategoryTemplate of(CategoryProfile profile) {
            return new CategoryTemplate(profile.category().wireName(), profile.summary(),
                    Stream.concat(Stream.of(profile.angle()), profile.cues().stream()).toList(), profile.props(),
                    profile.scene(), profile.negativeTerms());
        }
    }

    /** @param props what the style does with a category's props: none, scene, accents or arranged */
    record StyleTemplate(String id, String description, List<String> modifiers, String props,
            List<String> negativeTerms) {

        static StyleTemplate of(StyleProfile profile) {
            return new StyleTemplate(profile.style().wireName(), profile.summary(), profile.modifiers(),
                    profile.props().name().toLowerCase(Locale.ROOT), profile.negativeTerms());
        }
    }

    /** @param minSide the smallest image side in pixels the channel accepts */
    record MarketplaceTemplate(String id, String description, List<String> modifiers, List<String> negativeTerms,
            int minSide) {

        static MarketplaceTemplate of(MarketplacePreset preset) {
            return new MarketplaceTemplate(preset.marketplace().wireName(), preset.summary(), preset.terms(),
                    preset.negativeTerms(), preset.minSide());
        }
    }
}
