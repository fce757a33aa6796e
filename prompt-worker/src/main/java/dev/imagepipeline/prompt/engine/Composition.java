package dev.imagepipeline.prompt.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.prompt.engine.StyleProfile.Props;
import dev.imagepipeline.prompt.engine.Term.Part;

/**
 * A request's prompt before any model's budget: the subject, then the marketplace's rules, the style, what the category
 * needs under that style, and the quality terms; with the negative terms of each, and what the combination had to
 * leave out.
 */
final class Composition {

    private final List<Term> terms = new ArrayList<>();
    private final Set<String> negativeTerms = new LinkedHashSet<>(PromptEngine.BASE_NEGATIVE_TERMS);
    private final List<String> warnings = new ArrayList<>();

    private Composition() {
    }

    static Composition of(Subject subject, Category category, Style style, @Nullable Marketplace marketplace) {
        var composition = new Composition();
        var categoryProfile = CategoryProfile.of(category);
        var styleProfile = StyleProfile.of(style);
        var preset = marketplace == null ? null : MarketplacePreset.of(marketplace);
        composition.add(Part.SUBJECT, subject.terms());
        if (preset != null) {
            composition.add(Part.MARKETPLACE, preset.terms());
            composition.negativeTerms.addAll(preset.negativeTerms());
        }
        composition.style(styleProfile, preset);
        composition.category(categoryProfile, styleProfile, preset);
        composition.add(Part.QUALITY, PromptEngine.QUALITY_TERMS);
        return composition;
    }

    List<Term> terms() {
        return terms;
    }

    List<String> negativeTerms() {
        return List.copyOf(negativeTerms);
    }

    List<String> warnings() {
        return warnings;
    }

    private void style(StyleProfile style, @Nullable MarketplacePreset preset) {
        add(Part.STYLE, style.look());
        if (preset != null && preset.plainBackground() && !style.setting().isEmpty()) {
            warnings.add("%s demands a plain background, so the %s setting is left out: %s".formatted(
                    preset.marketplace().wireName(), style.style().wireName(), String.join(", ", style.setting())));
        } else {
            add(Part.STYLE, style.setting());
        }
        negativeTerms.addAll(style.negativeTerms());
    }

    private void category(CategoryProfile category, StyleProfile style, @Nullable MarketplacePreset preset) {
        if (!style.ownAngle()) {
            add(Part.CATEGORY, List.of(category.angle()));
        } else if (category.category() == Category.FURNITURE) {
            warnings.add("flat_lay shows furniture from directly above, which rarely sells it; "
                    + "studio or lifestyle suit furniture better");
        }
        add(Part.CATEGORY, category.cues());
        List<String> props = props(category, style.props());
        if (preset != null && preset.noProps() && !props.isEmpty()) {
            warnings.add("%s allows the product alone, so the %s props and scene are left out: %s"
                    .formatted(preset.marketplace().wireName(), style.style().wireName(), String.join(", ", props)));
        } else {
            add(Part.CATEGORY, props);
        }
        negativeTerms.addAll(category.negativeTerms());
    }

    private static List<String> props(CategoryProfile category, Props policy) {
        String props = String.join(" and ", category.props());
        if (policy == Props.SCENE) {
            return props.isEmpty() ? List.of(category.scene()) : List.of(category.scene(), "with " + props);
        }
        if (props.isEmpty()) {
            return List.of();
        }
        return switch (policy) {
            case NONE, SCENE -> List.of();
            case ACCENTS -> List.of("styled with " + props);
            case ARRANGED -> List.of("with " + props + " arranged around it");
        };
    }

    /** Adds each phrase not already said by a more important one. */
    private void add(Part part, List<String> phrases) {
        for (String phrase : phrases) {
            String lower = phrase.toLowerCase(Locale.ROOT);
            if (terms.stream().noneMatch(term -> term.text().toLowerCase(Locale.ROOT).contains(lower))) {
                terms.add(new Term(part, phrase));
            }
        }
    }
}
