package dev.imagepipeline.generation.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.AppliedFix;
import dev.imagepipeline.contracts.ComplianceCheck;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Rule;
import dev.imagepipeline.contracts.RuleResult;
import dev.imagepipeline.generation.provider.RenderedImage;

class ComplianceCheckerTests {

    private final ComplianceChecker checker = ComplianceChecker.withDefaults();

    private ComplianceCheck amazon(BufferedImage image) {
        return checker.check(image, Marketplace.AMAZON_MAIN);
    }

    private static RuleResult rule(ComplianceCheck check, Rule rule) {
        return check.rule(rule).orElseThrow();
    }

    @Nested
    class Checks {

        @Test
        void passesACompliantImageOnEveryRule() {
            var check = amazon(Pictures.centred(1200, 0.85, 255));

            assertThat(check.passed()).isTrue();
            assertThat(check.rules()).extracting(RuleResult::rule).containsExactly(Rule.values());
            assertThat(rule(check, Rule.BACKGROUND).measured()).isEqualTo(1.0);
            assertThat(rule(check, Rule.FILL).measured()).isEqualTo(0.85);
            assertThat(rule(check, Rule.SIZE).measured()).isEqualTo(1200);
            assertThat(rule(check, Rule.ASPECT).measured()).isEqualTo(1.0);
            assertThat(rule(check, Rule.NO_TEXT).measured()).isZero();
        }

        @Test
        void failsAGreyBackgroundWithItsDeviation() {
            var background = rule(amazon(Pictures.centred(1200, 0.85, 200)), Rule.BACKGROUND);

            assertThat(background.passed()).isFalse();
            assertThat(background.measured()).isZero();
            assertThat(background.details()).containsEntry("max_deviation", 55.0);
            assertThat(background.reason()).contains("pure white", "55 levels below white");
        }

        @Test
        void takesALightBackgroundForTheWebShopButNotForAmazon() {
            var image = Pictures.centred(1000, 0.75, 240);

            assertThat(checker.check(image, Marketplace.WEB_SHOP_SQUARE).passed()).isTrue();
            assertThat(rule(amazon(image), Rule.BACKGROUND).passed()).isFalse();
        }

        @Test
        void failsATinyProduct() {
            var fill = rule(amazon(Pictures.centred(1200, 0.2, 255)), Rule.FILL);

            assertThat(fill.passed()).isFalse();
            assertThat(fill.measured()).isEqualTo(0.2);
            assertThat(fill.reason()).contains("too small");
        }

        @Test
        void failsAProductTouchingTheBorder() {
            var check = amazon(Pictures.withProduct(1200, 1200, 255, 0, 300, 900, 600));

            assertThat(rule(check, Rule.BORDER_CLEARANCE).passed()).isFalse();
            assertThat(rule(check, Rule.BORDER_CLEARANCE).measured()).isEqualTo(1);
            assertThat(rule(check, Rule.BORDER_CLEARANCE).reason()).contains("left");
        }

        @Test
        void failsAnUndersizedImage() {
            var size = rule(amazon(Pictures.centred(600, 0.85, 255)), Rule.SIZE);

            assertThat(size.passed()).isFalse();
            assertThat(size.measured()).isEqualTo(600);
            assertThat(size.min()).isEqualTo(1000.0);
        }

        @Test
        void failsAnImageThatIsNotSquare() {
            var aspect = rule(amazon(Pictures.withProduct(1500, 1000, 255, 300, 75, 900, 850)), Rule.ASPECT);

            assertThat(aspect.passed()).isFalse();
            assertThat(aspect.measured()).isEqualTo(1.5);
        }

        @Test
        void findsARowOfLetterLikeMarksBesideTheProduct() {
            var image = Pictures.withMarks(Pictures.centred(1200, 0.6, 255), 100, 40, 6, 30);

            var text = rule(amazon(image), Rule.NO_TEXT);

            assertThat(text.passed()).isFalse();
            assertThat(text.measured()).isEqualTo(6);
        }

        @Test
        void findsRealTypeBesideTheProduct() {
            var image = Pictures.withText(Pictures.centred(1200, 0.6, 255), "SALE 50% OFF", 100, 120, 48);

            assertThat(rule(amazon(image), Rule.NO_TEXT).passed()).isFalse();
        }

        @Test
        void takesTwoMarksForPartsNotText() {
            var image = Pictures.withMarks(Pictures.centred(1200, 0.6, 255), 100, 40, 2, 30);

            assertThat(rule(amazon(image), Rule.NO_TEXT).passed()).isTrue();
        }

        @Test
        void measuresTheSpanOfAnyProductExactly() {
            var random = new Random(11);
            for (int i = 0; i < 40; i++) {
                int width = 200 + random.nextInt(400);
                int height = 200 + random.nextInt(400);
                int productWidth = 10 + random.nextInt(width - 20);
                int productHeight = 10 + random.nextInt(height - 20);
                var image = Pictures.withProduct(width, height, 255, 1 + random.nextInt(width - productWidth - 1),
                        1 + random.nextInt(height - productHeight - 1), productWidth, productHeight);

                double expected = Math.max((double) productWidth / width, (double) productHeight / height);
                assertThat(rule(amazon(image), Rule.FILL).measured()).isCloseTo(expected, offset(0.0001));
            }
        }
    }

    @Nested
    class Fixes {

        @Test
        void snapsANearWhiteBackgroundButNotTheProductsOwnWhites() {
            var image = Pictures.centred(1200, 0.85, 247);
            var g = image.createGraphics();
            g.setColor(new Color(250, 250, 250));
            g.fillRect(400, 400, 400, 400);
            g.dispose();

            var fixed = checker.inspect(image, Marketplace.AMAZON_MAIN, true);

            assertThat(fixed.result().original().passed()).isFalse();
            assertThat(fixed.result().fixes()).extracting(AppliedFix::fix)
                    .containsExactly(AppliedFix.Kind.SNAP_BACKGROUND);
            assertThat(fixed.result().fixes().getFirst().reason())
                    .matches("made \\d+ near-white background pixels \\(channels of at least 235, .*");
            assertThat(fixed.result().fixed().passed()).isTrue();
            assertThat(Pictures.grey(fixed.image(), 10, 10)).isEqualTo(255);
            assertThat(Pictures.grey(fixed.image(), 600, 600)).isEqualTo(250);
            assertThat(Pictures.grey(image, 10, 10)).as("the original is kept").isEqualTo(247);
        }

        @Test
        void leavesAGreyBackgroundAndSaysWhy() {
            var fixed = checker.inspect(Pictures.centred(1200, 0.85, 200), Marketplace.AMAZON_MAIN, true);

            assertThat(fixed.image()).isNull();
            assertThat(fixed.result().fixed()).isNull();
            assertThat(fixed.result().unfixed()).singleElement().asString().contains("not near-white");
        }

        @Test
        void cropsAroundASmallProductToTheTargetFill() {
            var fixed = checker.inspect(Pictures.centred(3000, 0.4, 255), Marketplace.AMAZON_MAIN, true);

            var reframe = fixed.result().fixes().getFirst();
            assertThat(reframe.fix()).isEqualTo(AppliedFix.Kind.REFRAME);
            assertThat(reframe.before()).isEqualTo(0.4);
            assertThat(reframe.after()).isCloseTo(0.85, offset(0.001));
            assertThat(reframe.reason()).startsWith("cropped 3000x3000");
            assertThat(fixed.result().fixed().passed()).isTrue();
        }

        @Test
        void padsAndCropsToASquareWithoutCuttingTheProduct() {
            var image = Pictures.withProduct(1100, 1000, 255, 200, 50, 700, 900);

            var fixed = checker.inspect(image, Marketplace.AMAZON_MAIN, true);

            assertThat(fixed.result().fixes().getFirst().reason()).startsWith("padded and cropped 1100x1000");
            assertThat(fixed.image().getWidth()).isEqualTo(fixed.image().getHeight());
            assertThat(darkPixels(fixed.image())).isEqualTo(700 * 900);
            assertThat(fixed.result().fixed().passed()).isTrue();
        }

        @Test
        void neverCutsTheProductWhateverItsPlace() {
            var random = new Random(5);
            for (int i = 0; i < 20; i++) {
                int productWidth = 100 + random.nextInt(700);
                int productHeight = 100 + random.nextInt(700);
                var image = Pictures.withProduct(1000, 1000, 255, 1 + random.nextInt(999 - productWidth),
                        1 + random.nextInt(999 - productHeight), productWidth, productHeight);

                var fixed = checker.inspect(image, Marketplace.AMAZON_MAIN, true);

                if (fixed.image() != null) {
                    assertThat(darkPixels(fixed.image())).isEqualTo(productWidth * productHeight);
                    assertThat(fixed.result().fixed().rule(Rule.BORDER_CLEARANCE).orElseThrow().passed()).isTrue();
                }
            }
        }

        @Test
        void leavesAProductCutOffByTheFrame() {
            var fixed = checker.inspect(Pictures.withProduct(1200, 1200, 255, 0, 500, 300, 300),
                    Marketplace.AMAZON_MAIN, true);

            assertThat(fixed.image()).isNull();
            assertThat(fixed.result().unfixed()).singleElement().asString().contains("touches the left edge");
        }

        @Test
        void neverEnlargesAnUndersizedImage() {
            var fixed = checker.inspect(Pictures.centred(600, 0.85, 255), Marketplace.AMAZON_MAIN, true);

            assertThat(fixed.image()).isNull();
            assertThat(fixed.result().unfixed()).singleElement().asString().contains("not enlarged");
        }

        @Test
        void scalesALargeImageDownToThePresetsSize() {
            var fixed = checker.inspect(Pictures.centred(3000, 0.85, 255), Marketplace.AMAZON_MAIN, true);

            assertThat(fixed.result().fixes()).singleElement().satisfies(resize -> {
                assertThat(resize.fix()).isEqualTo(AppliedFix.Kind.RESIZE);
                assertThat(resize.before()).isEqualTo(3000);
                assertThat(resize.after()).isEqualTo(2000);
            });
            assertThat(fixed.result().fixed().passed()).isTrue();
            assertThat(fixed.result().fixed().rule(Rule.BACKGROUND).orElseThrow().details())
                    .containsEntry("pure_white_share", 1.0);
        }

        @Test
        void changesNothingWhenNotAsked() {
            var fixed = checker.inspect(Pictures.centred(1200, 0.85, 247), Marketplace.AMAZON_MAIN, false);

            assertThat(fixed.image()).isNull();
            assertThat(fixed.result().fixes()).isEmpty();
            assertThat(fixed.result().passed()).isFalse();
        }

        private static int darkPixels(BufferedImage image) {
            int dark = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    dark += Pictures.grey(image, x, y) < 128 ? 1 : 0;
                }
            }
            return dark;
        }
    }

    @Nested
    class EncodedImages {

        @Test
        void checksAPngAndReturnsTheFixedCopyAsPng() throws IOException {
            var bytes = new ByteArrayOutputStream();
            ImageIO.write(Pictures.centred(1200, 0.85, 247), "png", bytes);

            var inspection = checker
                    .inspect(new RenderedImage(bytes.toByteArray(), "image/png", 1200, 1200), Marketplace.AMAZON_MAIN,
                            true)
                    .orElseThrow();

            assertThat(inspection.result().passed()).isTrue();
            assertThat(inspection.fixed()).hasValueSatisfying(png -> {
                assertThat(png.contentType()).isEqualTo("image/png");
                assertThat(RenderedImage.decode(png.bytes())).isPresent();
            });
        }

        @Test
        void givesNoVerdictOnBytesItCannotDecode() {
            var notAnImage = new RenderedImage(new byte[]{1, 2, 3}, "image/webp", 1, 1);

            assertThat(checker.inspect(notAnImage, Marketplace.AMAZON_MAIN, true)).isEmpty();
        }
    }
}
