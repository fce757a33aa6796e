package dev.imagepipeline.generation.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import dev.imagepipeline.contracts.ComplianceResult;
import dev.imagepipeline.contracts.Marketplace;

class ComplianceResultJsonTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void writesRulesAndFixesByTheirWireNames() {
        var result = ComplianceChecker.withDefaults()
                .inspect(Pictures.centred(1200, 0.85, 247), Marketplace.AMAZON_MAIN, true)
                .result();

        var tree = json.readTree(json.writeValueAsString(result));

        assertThat(tree.get("passed").asBoolean()).isTrue();
        assertThat(tree.at("/original/marketplace").asString()).isEqualTo("amazon_main");
        assertThat(tree.at("/original/rules/0/rule").asString()).isEqualTo("background");
        assertThat(tree.at("/original/rules/0/min").asDouble()).isEqualTo(0.99);
        assertThat(tree.at("/original/rules/0").has("max")).as("an absent limit is left out").isFalse();
        assertThat(tree.at("/original/rules/5/rule").asString()).isEqualTo("no_text");
        assertThat(tree.at("/fixes/0/fix").asString()).isEqualTo("snap_background");
        assertThat(tree.at("/fixed/passed").asBoolean()).isTrue();
    }

    @Test
    void readsBackWhatItWrote() {
        var result = ComplianceChecker.withDefaults()
                .inspect(Pictures.centred(1200, 0.2, 255), Marketplace.WEB_SHOP_SQUARE, true)
                .result();

        assertThat(json.readValue(json.writeValueAsString(result), ComplianceResult.class)).isEqualTo(result);
    }
}
