package dev.imagepipeline.generation.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.generation.GenerationWorkerSettings;

/** The presets a deployment configures under {@code pipeline.generation-worker.compliance}. */
class CompliancePresetsBindingTests {

    @Test
    void keepsTheDefaultPresetsWhenNoneIsConfigured() {
        var checker = bind(Map.of()).compliance().checker();

        assertThat(checker.preset(Marketplace.AMAZON_MAIN))
                .isEqualTo(CompliancePreset.defaults(Marketplace.AMAZON_MAIN));
    }

    @Test
    void replacesTheDefaultPresetOfTheMarketplaceConfigured() {
        String preset = "pipeline.generation-worker.compliance.presets[0].";
        var properties = Map.ofEntries(Map.entry(preset + "marketplace", "amazon_main"),
                Map.entry(preset + "summary", "Amazon main image, stricter fill"),
                Map.entry(preset + "background.floor", "255"), Map.entry(preset + "background.min-share", "0.99"),
                Map.entry(preset + "background.snap-floor", "235"), Map.entry(preset + "fill.min", "0.85"),
                Map.entry(preset + "fill.max", "0.95"), Map.entry(preset + "fill.target", "0.9"),
                Map.entry(preset + "frame.min-longest-side", "1600"),
                Map.entry(preset + "frame.max-longest-side", "10000"), Map.entry(preset + "frame.longest-side", "2000"),
                Map.entry(preset + "frame.aspect", "1.0"), Map.entry(preset + "frame.aspect-tolerance", "0.02"),
                Map.entry(preset + "no-text", "true"));

        var checker = bind(properties).compliance().checker();

        assertThat(checker.preset(Marketplace.AMAZON_MAIN).fill().target()).isEqualTo(0.9);
        assertThat(checker.preset(Marketplace.AMAZON_MAIN).frame().minLongestSide()).isEqualTo(1600);
        assertThat(checker.preset(Marketplace.WEB_SHOP_SQUARE))
                .isEqualTo(CompliancePreset.defaults(Marketplace.WEB_SHOP_SQUARE));
    }

    private static GenerationWorkerSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("pipeline.generation-worker",
                GenerationWorkerSettings.class);
    }
}
