package dev.imagepipeline.generation.provider.local;

import static dev.imagepipeline.generation.provider.local.LocalPreviewProviderTests.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.ComplianceCheck;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Rule;
import dev.imagepipeline.contracts.RuleResult;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.compliance.ComplianceChecker;
import dev.imagepipeline.generation.provider.GenerationOrder;

/** The local renderer's layouts for a marketplace, judged by the real compliance checks. */
class MarketplaceLayoutTests {

    private final LocalPreviewProvider provider = new LocalPreviewProvider();
    private final ComplianceChecker checker = ComplianceChecker.withDefaults();

    @Nested
    class WhiteBackgroundForAmazonMain {

        @ParameterizedTest
        @EnumSource(Category.class)
        void passesEveryRuleForEveryCategory(Category category) {
            var check = checker.check(draw(Style.WHITE_BACKGROUND, category, Marketplace.AMAZON_MAIN, 42),
                    Marketplace.AMAZON_MAIN);

            assertThat(check.rules()).allSatisfy(rule -> assertThat(rule.passed()).as(rule.reason()).isTrue());
            assertThat(check.passed()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(longs = {1, 7, 7_000_000_001L})
        void drawsPureWhiteToTheEdgesWithTheProductAtTheTargetFill(long seed) {
            var picture = draw(Style.WHITE_BACKGROUND, Category.KITCHENWARE, Marketplace.AMAZON_MAIN, seed);
            var check = checker.check(picture, Marketplace.AMAZON_MAIN);

            assertThat(rule(check, Rule.BACKGROUND).measured()).isEqualTo(1.0);
            assertThat(rule(check, Rule.FILL).measured()).isBetween(0.84, 0.87);
            assertThat(rule(check, Rule.BORDER_CLEARANCE).measured()).isZero();
        }

        @Test
        void drawsNoBannerWhereThePresetForbidsText() {
            var withBanner = draw(Style.WHITE_BACKGROUND, Category.KITCHENWARE, null, 42);
            var without = draw(Style.WHITE_BACKGROUND, Category.KITCHENWARE, Marketplace.AMAZON_MAIN, 42);
            int bannerRow = withBanner.getHeight() - withBanner.getHeight() / 20;

            assertThat(withBanner.getRGB(withBanner.getWidth() / 10, bannerRow) & 0xffffff).isNotEqualTo(0xffffff);
            assertThat(without.getRGB(without.getWidth() / 10, bannerRow) & 0xffffff).isEqualTo(0xffffff);
        }
    }

    @Nested
    class OtherStylesForAmazonMain {

        @ParameterizedTest
        @EnumSource(value = Style.class, names = "WHITE_BACKGROUND", mode = EnumSource.Mode.EXCLUDE)
        void paleTheStyleToNearWhiteWhichFailsOnlyTheBackground(Style style) {
            var picture = draw(style, Category.BEAUTY, Marketplace.AMAZON_MAIN, 42);
            var check = checker.check(picture, Marketplace.AMAZON_MAIN);

            int corner = picture.getRGB(0, 0);
            assertThat(List.of(corner >> 16 & 0xff, corner >> 8 & 0xff, corner & 0xff))
                    .allSatisfy(channel -> assertThat(channel).isBetween(240, 254));
            assertThat(rule(check, Rule.BACKGROUND).passed()).isFalse();
            assertThat(check.rules()).filteredOn(rule -> rule.rule() != Rule.BACKGROUND)
                    .allSatisfy(rule -> assertThat(rule.passed()).as(rule.reason()).isTrue());
        }

        @ParameterizedTest
        @EnumSource(value = Style.class, names = "WHITE_BACKGROUND", mode = EnumSource.Mode.EXCLUDE)
        void areSnappedToWhiteByTheAutoFixAndThenPass(Style style) {
            var fixable = checker.inspect(draw(style, Category.FOOTWEAR, Marketplace.AMAZON_MAIN, 3),
                    Marketplace.AMAZON_MAIN, true);

            assertThat(fixable.result().original().passed()).isFalse();
            assertThat(fixable.result().fixed()).isNotNull();
            assertThat(fixable.result().fixed().passed()).isTrue();
        }

        @Test
        void passWebShopSquareWhichTakesALightBackground() {
            var check = checker.check(draw(Style.STUDIO, Category.ELECTRONICS, Marketplace.WEB_SHOP_SQUARE, 5),
                    Marketplace.WEB_SHOP_SQUARE);

            assertThat(check.rules()).allSatisfy(rule -> assertThat(rule.passed()).as(rule.reason()).isTrue());
        }
    }

    @Test
    void drawsTheSameBytesForTheSameOrder() {
        var order = order(Style.MINIMAL, Category.TOYS, Marketplace.AMAZON_MAIN, 11);

        assertThat(generate(order).images().getFirst().bytes()).isEqualTo(generate(order).images().getFirst().bytes());
    }

    @Test
    void reportsTheMarketplaceItLaidTheImagesOutForAmongItsInput() {
        assertThat(generate(order(Style.STUDIO, Category.TOYS, Marketplace.AMAZON_MAIN, 11)).providerInput())
                .containsEntry("marketplace", "amazon_main")
                .containsEntry("seed", 11L)
                .containsEntry("width", 1024)
                .containsEntry("images", 1);
        assertThat(generate(order(Style.STUDIO, Category.TOYS, null, 11)).providerInput())
                .doesNotContainKey("marketplace");
    }

    private static RuleResult rule(ComplianceCheck check, Rule rule) {
        return check.rule(rule).orElseThrow();
    }

    private BufferedImage draw(Style style, Category category, @Nullable Marketplace marketplace, long seed) {
        return decode(generate(order(style, category, marketplace, seed)).images().getFirst().bytes());
    }

    private dev.imagepipeline.generation.provider.GeneratedBatch generate(GenerationOrder order) {
        return provider.generate(order, (percent, message) -> {
        });
    }

    private static GenerationOrder order(Style style, Category category, @Nullable Marketplace marketplace, long seed) {
        return new GenerationOrder(JobId.random(), "preview", "a product", "",
                new ModelSettings(1024, 1024, 1, null, null, seed), "ceramic pour-over coffee dripper", category, style,
                marketplace);
    }
}
