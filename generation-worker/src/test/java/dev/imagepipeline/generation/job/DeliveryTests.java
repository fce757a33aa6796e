package dev.imagepipeline.generation.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.imagepipeline.contracts.AppliedFix;
import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.PriceTable;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.ProviderRun;
import dev.imagepipeline.contracts.Rule;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.compliance.ComplianceChecker;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.TestImages;
import dev.imagepipeline.generation.provider.local.LocalPreviewProvider;
import dev.imagepipeline.web.pricing.PricingSettings;

/** The record, compliance verdict and cost every delivered image carries. */
class DeliveryTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    private static final Instant STARTED = CLOCK.instant().minusMillis(1500);
    private static final JobId JOB = JobId.random();

    @TempDir
    Path images;

    @Nested
    class Records {

        @Test
        void tellHowEachImageWasMadeByTheProviderThatReallyMadeIt() {
            var batch = new GeneratedBatch("flux-schnell", 42, List.of(png(), png()), List.of("drew 1024x1024"),
                    List.of(new ProviderRun("p1", 900L)), Map.of("aspect_ratio", "1:1", "num_outputs", 2));

            var succeeded = delivery(PriceTable.defaultPrices()).succeeded(JOB, "replicate", batch,
                    List.of("huggingface failed; replicate took over"), recipe(null, false), STARTED);

            assertThat(succeeded.images()).hasSize(2).allSatisfy(image -> assertThat(image.originalUrl()).isNull());
            var record = succeeded.images().get(1).record();
            assertThat(record).isNotNull();
            assertThat(record.description()).isEqualTo("ceramic pour-over coffee dripper");
            assertThat(record.provider()).isEqualTo("replicate");
            assertThat(record.model()).isEqualTo("flux-schnell");
            assertThat(record.prompt()).isEqualTo("Professional product photography of a dripper");
            assertThat(record.negativePrompt()).isEqualTo("blurry");
            assertThat(record.seed()).isEqualTo(42);
            assertThat(record.providerInput()).containsEntry("aspect_ratio", "1:1").containsEntry("num_outputs", 2);
            assertThat(record.index()).isEqualTo(1);
            assertThat(record.warnings()).containsExactly("model ignores the negative prompt",
                    "huggingface failed; replicate took over", "drew 1024x1024");
            assertThat(record.compliance()).isNull();
            assertThat(record.cost().usd()).isEqualByComparingTo("0.003");
            assertThat(record.timings().generationMillis()).isEqualTo(1500);
            assertThat(record.timings().computeMillis()).isEqualTo(900);
            assertThat(record.timings().complianceMillis()).isNull();
            assertThat(succeeded.images().get(0).record().index()).isZero();
        }

        @Test
        void areAbsentForAJobWithoutARecipeWhoseCostIsStillRecorded() {
            var batch = new GeneratedBatch("flux-schnell", 42, List.of(png()), List.of());

            var succeeded = delivery(PriceTable.defaultPrices()).succeeded(JOB, "replicate", batch, List.of(), null,
                    null);

            assertThat(succeeded.images()).singleElement().satisfies(image -> assertThat(image.record()).isNull());
            assertThat(succeeded.cost().usd()).isEqualByComparingTo("0.003");
        }
    }

    @Nested
    class Compliance {

        @Test
        void checksEveryImageAgainstTheMarketplaceWithoutFixingIt() {
            var batch = local(Style.WHITE_BACKGROUND, 2);

            var succeeded = delivery(PriceTable.defaultPrices()).succeeded(JOB, "local", batch, List.of(),
                    recipe(Marketplace.AMAZON_MAIN, false), STARTED);

            assertThat(succeeded.images()).hasSize(2).allSatisfy(image -> {
                assertThat(image.originalUrl()).isNull();
                var compliance = image.record().compliance();
                assertThat(compliance.passed()).isTrue();
                assertThat(compliance.original().rules()).hasSize(Rule.values().length);
                assertThat(compliance.fixes()).isEmpty();
                assertThat(image.record().timings().complianceMillis()).isNotNull();
            });
        }

        @Test
        void storesTheFixedCopyAndTheOriginalWhenAskedToFix() {
            var batch = local(Style.MINIMAL, 1);

            var succeeded = delivery(PriceTable.defaultPrices()).succeeded(JOB, "local", batch, List.of(),
                    recipe(Marketplace.AMAZON_MAIN, true), STARTED);

            var image = succeeded.images().getFirst();
            assertThat(image.originalUrl()).isNotNull().isNotEqualTo(image.url());
            var compliance = image.record().compliance();
            assertThat(compliance.original().rule(Rule.BACKGROUND).orElseThrow().passed()).isFalse();
            assertThat(compliance.fixes()).extracting(AppliedFix::fix).contains(AppliedFix.Kind.SNAP_BACKGROUND);
            assertThat(compliance.fixed().passed()).isTrue();
            assertThat(images.toFile().listFiles()).hasSize(2).extracting(File::length).doesNotHaveDuplicates();
        }

        @Test
        void leavesAnImageItCannotDecodeUncheckedAndSaysSo() {
            var webp = new RenderedImage("RIFF\0\0\0\0WEBPVP8 ".getBytes(), "image/webp", 1024, 1024);
            var batch = new GeneratedBatch("core", 1, List.of(webp), List.of());

            var succeeded = delivery(PriceTable.defaultPrices()).succeeded(JOB, "stability", batch, List.of(),
                    recipe(Marketplace.AMAZON_MAIN, true), STARTED);

            assertThat(succeeded.images().getFirst().record().compliance()).isNull();
            assertThat(succeeded.warnings()).singleElement()
                    .asString()
                    .contains("image 1 (image/webp) could not be decoded", "amazon_main");
        }
    }

    @Nested
    class Costs {

        @Test
        void priceTheImagesDeliveredOnTheModelThatMadeThem() {
            var batch = new GeneratedBatch("flux-schnell", 1, List.of(png(), png()), List.of());

            var cost = delivery(PriceTable.defaultPrices()).succeeded(JOB, "replicate", batch, List.of(), null, null)
                    .cost();

            assertThat(cost.usd()).isEqualByComparingTo("0.006");
            assertThat(cost.basis()).startsWith("replicate/flux-schnell: 2 images of 64x48 at 0.003 USD an image");
        }

        @Test
        void areAbsentForAProviderWithoutAPrice() {
            var batch = new GeneratedBatch("m", 1, List.of(png()), List.of());

            var succeeded = delivery(PriceTable.defaultPrices()).succeeded(JOB, "elsewhere", batch, List.of(),
                    recipe(null, false), STARTED);

            assertThat(succeeded.cost()).isNull();
            assertThat(succeeded.images().getFirst().record().cost()).isNull();
        }

        @Test
        void useTheConfiguredPricesByProviderAndModel() {
            var pricing = new Binder(new MapConfigurationPropertySource(Map.of(
                    "pipeline.pricing.prices[replicate/flux-schnell].per-image", "0.01",
                    "pipeline.pricing.prices[stability].per-megapixel", "0.02", "pipeline.pricing.as-of", "2026-11")))
                    .bindOrCreate("pipeline.pricing", PricingSettings.class);
            var delivery = delivery(pricing.table());

            var replicate = delivery.succeeded(JOB, "replicate",
                    new GeneratedBatch("flux-schnell", 1, List.of(png()), List.of()), List.of(), null, null);
            var stability = delivery.succeeded(JOB, "stability",
                    new GeneratedBatch("sd3.5-large", 1,
                            List.of(new RenderedImage(TestImages.png(1000, 1000), "image/png", 1000, 1000)), List.of()),
                    List.of(), null, null);

            assertThat(replicate.cost().usd()).isEqualByComparingTo("0.01");
            assertThat(replicate.cost().basis()).endsWith("(prices of 2026-11)");
            assertThat(stability.cost().usd()).isEqualByComparingTo(new BigDecimal("0.065"));
            assertThat(pricing.table().price("stability", "unlisted").orElseThrow().perMegapixel())
                    .isEqualByComparingTo("0.02");
        }
    }

    private Delivery delivery(PriceTable prices) {
        var settings = new GenerationWorkerSettings.Images(images, Duration.ofHours(1), "http://localhost:8080",
                Duration.ofMinutes(1));
        return new Delivery(new ImageStore(settings, CLOCK), ComplianceChecker.withDefaults(), prices, CLOCK);
    }

    private static RenderedImage png() {
        return new RenderedImage(TestImages.png(64, 48), "image/png", 64, 48);
    }

    private static GeneratedBatch local(Style style, int images) {
        return new LocalPreviewProvider().generate(new GenerationOrder(JOB, "preview", "a dripper", "",
                new ModelSettings(1024, 1024, images, null, null, 42), "ceramic pour-over coffee dripper",
                Category.KITCHENWARE, style, Marketplace.AMAZON_MAIN), (percent, message) -> {
                });
    }

    private static ImageRecord recipe(@Nullable Marketplace marketplace, boolean autofix) {
        var prompt = new PromptPrepared(JOB, CLOCK.instant(), "ceramic pour-over coffee dripper", Category.KITCHENWARE,
                Style.WHITE_BACKGROUND, "Professional product photography of a dripper", "blurry",
                new ModelSettings(1024, 1024, 2, 7.5, 30, 42), "huggingface", null, Lane.INTERACTIVE, null, marketplace,
                List.of("model ignores the negative prompt"), null, null, autofix);
        return Generation.recipe(prompt, "huggingface", "stabilityai/stable-diffusion-xl-base-1.0", Map.of(),
                prompt.warnings());
    }
}
