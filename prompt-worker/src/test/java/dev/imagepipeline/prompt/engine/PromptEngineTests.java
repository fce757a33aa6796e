package dev.imagepipeline.prompt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Style;

class PromptEngineTests {

    private final PromptEngine engine = new PromptEngine();

    @Test
    void putsTheProductFirstThenStyleCategoryAndQuality() {
        var prepared = engine.prepare("ceramic pour-over coffee dripper, matte black", Category.KITCHENWARE,
                Style.STUDIO, null);

        assertThat(prepared.prompt()).isEqualTo("Professional product photography of ceramic pour-over coffee "
                + "dripper, matte black, studio lighting, softbox, neutral background, sharp focus, clean finish, "
                + "true material detail, 8K resolution, high detail, commercial photography");
        assertThat(prepared.negativePrompt()).isEqualTo("blurry, distorted, low quality, watermark, text, logo");
        assertThat(prepared.settings()).isEqualTo(new SuggestedSettings(7.5, 30));
    }

    @ParameterizedTest
    @EnumSource(Style.class)
    void addsEachStylesOwnModifiers(Style style) {
        var prepared = engine.prepare("leather wallet", Category.APPAREL, style, null);

        assertThat(prepared.prompt()).startsWith("Professional product photography of leather wallet, ")
                .contains(PromptEngine.modifiers(style))
                .endsWith(PromptEngine.QUALITY_MODIFIERS);
    }

    @Test
    void writesATopDownPromptForFlatLay() {
        assertThat(engine.prepare("summer outfit", Category.APPAREL, Style.FLAT_LAY, null).prompt())
                .contains("top-down overhead view");
    }

    @Test
    void keepsUserTextOnOneLineAndWithinBounds() {
        var prepared = engine.prepare("red\n\tsneaker\u0007  with   laces", Category.FOOTWEAR, Style.MINIMAL,
                "on\r\nconcrete");

        assertThat(prepared.prompt())
                .startsWith("Professional product photography of red sneaker with laces, " + "on concrete, minimalist");
        assertThat(PromptEngine.clean("x".repeat(5000))).hasSize(1000);
    }
}
