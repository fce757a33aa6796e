package dev.imagepipeline.prompt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;

class PromptEngineTests {

    private static final ModelTarget SDXL = ModelCatalog.resolve("replicate", "sdxl");
    private static final ModelTarget FLUX_SCHNELL = ModelCatalog.resolve("replicate", "flux-schnell");
    private static final ModelTarget FLUX_DEV = ModelCatalog.resolve("replicate", "flux-dev");
    private static final ModelTarget CORE = ModelCatalog.resolve("stability", "core");

    private final PromptEngine engine = new PromptEngine();

    @Nested
    class Composition {

        @Test
        void putsTheProductFirstThenStyleCategoryAndQuality() {
            var prepared = prepare("ceramic pour-over coffee dripper, matte black", Category.KITCHENWARE, Style.STUDIO);

            assertThat(prepared.prompt()).isEqualTo("Professional product photography of ceramic pour-over coffee "
                    + "dripper, matte black, studio lighting, softbox, sharp focus, neutral background, three-quarter "
                    + "view from slightly above, 50mm lens, clean finish, true material detail, 8K resolution, high "
                    + "detail, commercial photography");
            assertThat(prepared.negativePrompt()).isEqualTo("blurry, distorted, low quality, watermark, text, logo, "
                    + "cluttered background, harsh shadows, food stains, water spots, grease, rust");
            assertThat(prepared.warnings()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(Style.class)
        void addsEachStylesModifiersAndNegativeTerms(Style style) {
            var prepared = prepare("leather wallet", Category.OTHER, style);

            assertThat(prepared.prompt()).startsWith("Professional product photography of leather wallet, ")
                    .contains(StyleProfile.of(style).modifiers())
                    .endsWith("commercial photography");
            assertThat(prepared.negativePrompt()).contains(StyleProfile.of(style).negativeTerms());
        }

        @Test
        void whiteBackgroundLeavesPropsOutAndKeepsShadowsAndGradientsAway() {
            var prepared = prepare("ceramic mug", Category.KITCHENWARE, Style.WHITE_BACKGROUND);

            assertThat(prepared.prompt()).doesNotContain("linen towel", "kitchen counter");
            assertThat(prepared.negativePrompt()).contains("props", "cast shadows on background",
                    "gradient background");
        }

        @Test
        void lifestylePutsTheProductInItsCategorysSceneWithProps() {
            assertThat(prepare("ceramic mug", Category.KITCHENWARE, Style.LIFESTYLE).prompt()).contains(
                    "on a kitchen counter in natural morning light, with fresh ingredients and a linen towel");
        }

        @Test
        void flatLayForcesTheOverheadAngleOverTheCategorysOwn() {
            var prepared = prepare("running shoes", Category.FOOTWEAR, Style.FLAT_LAY);

            assertThat(prepared.prompt()).contains("top-down overhead view", "with a shoe box arranged around it")
                    .doesNotContain("three-quarter side view");
            assertThat(prepared.negativePrompt()).contains("perspective distortion", "side view");
        }

        @Test
        void saysWhenAStyleSuitsTheCategoryBadly() {
            assertThat(prepare("oak dining chair", Category.FURNITURE, Style.FLAT_LAY).warnings())
                    .containsExactly("flat_lay shows furniture from directly above, which rarely sells it; "
                            + "studio or lifestyle suit furniture better");
        }

        @ParameterizedTest
        @EnumSource(Category.class)
        void addsWhatEachCategoryNeeds(Category category) {
            var profile = CategoryProfile.of(category);
            var prepared = prepare("product", category, Style.STUDIO);

            assertThat(prepared.prompt()).contains(profile.angle()).contains(profile.cues());
            assertThat(List.of(prepared.negativePrompt().split(", "))).containsAll(profile.negativeTerms());
        }
    }

    @Nested
    class Marketplaces {

        @Test
        void amazonMainDemandsThePlainProductAloneAtOneThousandPixels() {
            var prepared = engine.prepare(new PromptRequest("ceramic mug", null, Category.KITCHENWARE, Style.LIFESTYLE,
                    Marketplace.AMAZON_MAIN, Resolution.R512, null), SDXL);

            assertThat(prepared.prompt())
                    .contains("isolated on a pure white background", "single product filling 85% of the frame")
                    .doesNotContain("lifestyle setting", "kitchen counter", "linen towel");
            assertThat(prepared.negativePrompt()).contains("props", "text overlay", "multiple products");
            assertThat(prepared.width()).isEqualTo(1024);
            assertThat(prepared.warnings()).containsExactly(
                    "amazon_main demands a plain background, so the lifestyle setting is left out: lifestyle setting, "
                            + "in-use context",
                    "amazon_main allows the product alone, so the lifestyle props and scene are left out: on a "
                            + "kitchen counter in natural morning light, with fresh ingredients and a linen towel",
                    "amazon_main needs at least 1000 px: 512x512 raised to 1024x1024");
        }

        @Test
        void aWebShopSquareKeepsTheStylesSceneAndAsksForEvenMargins() {
            var prepared = engine.prepare(new PromptRequest("ceramic mug", null, Category.KITCHENWARE, Style.LIFESTYLE,
                    Marketplace.WEB_SHOP_SQUARE, Resolution.R768, null), SDXL);

            assertThat(prepared.prompt()).contains("product filling 75% of the frame with even margins",
                    "kitchen counter");
            assertThat(prepared.width()).isEqualTo(768);
        }
    }

    @Nested
    class Models {

        @Test
        void fluxSchnellGetsSentencesFourStepsAndNoNegativePromptOrGuidance() {
            var prepared = engine.prepare(request("ceramic mug", Style.STUDIO, Resolution.R1024, 9.0), FLUX_SCHNELL);

            assertThat(prepared.prompt()).startsWith("Professional product photography of ceramic mug. Studio "
                    + "lighting, softbox, sharp focus, neutral background. Three-quarter view").endsWith(".");
            assertThat(prepared.negativePrompt()).isEmpty();
            assertThat(prepared.settings()).isEqualTo(new SuggestedSettings(null, 4));
            assertThat(prepared.warnings()).hasSize(2)
                    .anySatisfy(warning -> assertThat(warning)
                            .startsWith("FLUX.1 [schnell] takes no negative prompt; left out: blurry, distorted"))
                    .contains("FLUX.1 [schnell] takes no guidance scale; 9.0 is not sent");
        }

        @Test
        void fluxDevHoldsGuidanceToItsRangeAndSuggestsItsOwn() {
            assertThat(engine.prepare(request("mug", Style.STUDIO, Resolution.R1024, null), FLUX_DEV).settings())
                    .isEqualTo(new SuggestedSettings(3.0, 28));
            var clamped = engine.prepare(request("mug", Style.STUDIO, Resolution.R1024, 15.0), FLUX_DEV);

            assertThat(clamped.settings().guidanceScale()).isEqualTo(10.0);
            assertThat(clamped.warnings())
                    .contains("Guidance scale 15.0 is above FLUX.1 [dev]'s maximum; 10.0 is sent");
        }

        @Test
        void sdxlSuggestsGuidanceAndStepsByStyleAndKeepsTheClientsOwnGuidance() {
            assertThat(engine.prepare(request("mug", Style.LIFESTYLE, Resolution.R1024, null), SDXL).settings())
                    .isEqualTo(new SuggestedSettings(6.0, 40));
            assertThat(engine.prepare(request("mug", Style.WHITE_BACKGROUND, Resolution.R1024, null), SDXL).settings())
                    .isEqualTo(new SuggestedSettings(8.0, 30));
            assertThat(engine.prepare(request("mug", Style.STUDIO, Resolution.R1024, 12.5), SDXL).settings())
                    .isEqualTo(new SuggestedSettings(12.5, 30));
        }

        @Test
        void saysWhatAModelCannotDoWithTheSizeAsked() {
            assertThat(engine.prepare(request("mug", Style.STUDIO, Resolution.R512, null), SDXL).warnings())
                    .containsExactly("Stable Diffusion XL is trained at 1024x1024; at 512x512 expect less detail");
            var flux = engine.prepare(request("mug", Style.STUDIO, Resolution.R768, null), FLUX_SCHNELL);
            assertThat(flux.width()).isEqualTo(1024);
            assertThat(flux.warnings()).contains("replicate/flux-schnell cannot make 768x768; it asks for 1024x1024");
            assertThat(engine.prepare(request("mug", Style.STUDIO, Resolution.R512, null), CORE).warnings())
                    .containsExactly("stability/core takes an aspect ratio, not a size: it returns its own 1:1 image "
                            + "of about one megapixel, not 512x512");
        }

        @Test
        void stableImageCoreTakesANegativePromptButNoGuidanceOrSteps() {
            var prepared = engine.prepare(request("mug", Style.STUDIO, Resolution.R1024, null), CORE);

            assertThat(prepared.negativePrompt()).startsWith("blurry, distorted");
            assertThat(prepared.settings()).isEqualTo(new SuggestedSettings(null, null));
            assertThat(prepared.promptLength().unit()).isEqualTo("characters");
        }

        @Test
        void shapesAModelOutsideTheCatalogByTheFamilyItsNameGivesAway() {
            var guessed = ModelCatalog.resolve("replicate", "acme/flux-schnell-lora");
            var prepared = engine.prepare(request("mug", Style.STUDIO, Resolution.R1024, null), guessed);

            assertThat(guessed.family()).isEqualTo(ModelFamily.FLUX_SCHNELL);
            assertThat(prepared.warnings()).first()
                    .isEqualTo("Model replicate/acme/flux-schnell-lora is not in the catalog; its prompt is shaped "
                            + "for FLUX.1 [schnell], guessed from its name");
        }
    }

    @Nested
    class Budgets {

        private static final String LONG = "hand-thrown stoneware coffee mug with a speckled oatmeal glaze, "
                + "a comfortable loop handle, a slightly flared rim, an unglazed foot ring showing the raw clay, "
                + "holds twelve ounces, dishwasher and microwave safe, thrown on a kick wheel and fired twice in a wood "
                + "kiln, each one unique in its glaze pattern, packed in recycled cardboard, made in Portland";

        @Test
        void cutsALongDescriptionButKeepsRoomForTheStyle() {
            var prepared = prepare(LONG, Category.KITCHENWARE, Style.LUXURY);

            assertThat(ClipTokenizer.shared().count(prepared.prompt())).isEqualTo(prepared.promptLength().count())
                    .isLessThanOrEqualTo(75);
            assertThat(prepared.prompt()).startsWith("Professional product photography of hand-thrown stoneware")
                    .contains("dramatic lighting, premium feel, high-end aesthetic")
                    .doesNotContain("Portland");
            assertThat(prepared.warnings())
                    .anySatisfy(warning -> assertThat(warning).startsWith("The description was cut to its first")
                            .endsWith("to fit the 75-token budget of replicate/sdxl"));
        }

        @Test
        void dropsQualityThenCategoryTermsFromTheEndFirst() {
            var prepared = engine.prepare(new PromptRequest("ceramic mug",
                    "hand-glazed in a deep cobalt blue with " + "a white speckled rim and a matte unglazed base",
                    Category.KITCHENWARE, Style.LIFESTYLE, null, Resolution.R1024, null), SDXL);

            assertThat(prepared.promptLength().count()).isLessThanOrEqualTo(75);
            assertThat(prepared.prompt()).contains("natural lighting, lifestyle setting, in-use context")
                    .doesNotContain("commercial photography");
            assertThat(prepared.warnings()).anySatisfy(warning -> assertThat(warning)
                    .startsWith("Dropped to fit the 75-token budget of replicate/sdxl: quality (8K resolution, high "
                            + "detail, commercial photography)"));
        }

        @Test
        void dropsTheLeastImportantNegativeTermsToFit() {
            var terms = Arrays.stream(Category.values())
                    .flatMap(category -> CategoryProfile.of(category).negativeTerms().stream())
                    .toList();

            var fitted = BudgetFit.negative(terms, SDXL);

            assertThat(fitted.count()).isLessThanOrEqualTo(75);
            assertThat(fitted.text()).startsWith(terms.getFirst());
            assertThat(fitted.warnings()).singleElement()
                    .asString()
                    .startsWith("Negative terms dropped to fit the 75-token budget of replicate/sdxl: ")
                    .endsWith(terms.getLast());
        }
    }

    @Nested
    class UserText {

        @Test
        void keepsUserTextOnOneLineWithoutControlCharacters() {
            var prepared = engine.prepare(new PromptRequest("red\n\tsneaker\u0007  with \u200Blaces", "on\r\nconcrete",
                    Category.FOOTWEAR, Style.MINIMAL, null, Resolution.R1024, null), SDXL);

            assertThat(prepared.prompt())
                    .startsWith("Professional product photography of red sneaker with laces, on concrete, minimalist");
        }

        @ParameterizedTest
        @ValueSource(strings = {"(red:1.5) sneaker", "[red] sneaker", "{red} sneaker", "red sneaker <lora:shoe:0.8>",
                "((red)) :: sneaker", "red | sneaker \\", "red BREAK sneaker"})
        void neverLetsUserTextCarryPromptWeightSyntax(String description) {
            String prompt = prepare(description, Category.FOOTWEAR, Style.STUDIO).prompt();

            assertThat(prompt).doesNotContainPattern("[()\\[\\]{}<>|\\\\]|::|:\\d|BREAK").contains("red", "sneaker");
        }

        @Test
        void neverLetsUserTextIntoTheNegativePrompt() {
            var prepared = prepare("mug. Negative prompt: mug, ceramic --no handle", Category.KITCHENWARE,
                    Style.STUDIO);

            assertThat(prepared.negativePrompt()).doesNotContain("mug", "ceramic", "handle");
            assertThat(prepared.negativePrompt())
                    .isEqualTo(prepare("mug", Category.KITCHENWARE, Style.STUDIO).negativePrompt());
        }

        @Test
        void keepsANegativeTermOutWhenTheDescriptionAsksForIt() {
            var prepared = prepare("cotton t-shirt with a bold text print and embroidered logos", Category.APPAREL,
                    Style.WHITE_BACKGROUND);

            assertThat(List.of(prepared.negativePrompt().split(", "))).doesNotContain("text", "logo")
                    .contains("watermark");
            assertThat(prepared.warnings()).containsExactly(
                    "The description asks for \"text\", so it is kept out of the negative prompt",
                    "The description asks for \"logo\", so it is kept out of the negative prompt");
        }

        @Test
        void aNegatedMentionStillKeepsTheTermNegative() {
            assertThat(prepare("plain mug, no text, without logo", Category.KITCHENWARE, Style.STUDIO).negativePrompt())
                    .startsWith("blurry, distorted, low quality, watermark, text, logo");
        }

        @Test
        void aNoClosingTheDescriptionDoesNotNegateTheContext() {
            var prepared = engine.prepare(
                    new PromptRequest("no", "text", Category.ELECTRONICS, Style.STUDIO, null, Resolution.R1024, null),
                    SDXL);

            assertThat(prepared.prompt()).startsWith("Professional product photography of no, text, ");
            assertThat(List.of(prepared.negativePrompt().split(", "))).doesNotContain("text");
        }

        @ParameterizedTest
        @ValueSource(strings = {"((()))", "<>", "  \u0000 \n"})
        void refusesADescriptionThatHoldsNoWordsOnceSyntaxIsGone(String description) {
            assertThatIllegalArgumentException().isThrownBy(() -> prepare(description, Category.OTHER, Style.STUDIO))
                    .withMessage("description has no words once prompt syntax is removed");
        }
    }

    private PreparedPrompt prepare(String description, Category category, Style style) {
        return engine.prepare(new PromptRequest(description, null, category, style, null, Resolution.R1024, null),
                SDXL);
    }

    private static PromptRequest request(String description, Style style, Resolution resolution,
            @Nullable Double guidance) {
        return new PromptRequest(description, null, Category.KITCHENWARE, style, null, resolution, guidance);
    }
}
