package dev.imagepipeline.notifier.catalog;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.CatalogReceived.RejectedLine;
import dev.imagepipeline.contracts.CatalogReceived;
import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.ComplianceCheck;
import dev.imagepipeline.contracts.ComplianceResult;
import dev.imagepipeline.contracts.Cost;
import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.ImageTimings;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Rule;
import dev.imagepipeline.contracts.RuleResult;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.notifier.ResultNotifierSettings.Callbacks;
import dev.imagepipeline.notifier.ResultNotifierSettings.Catalogs;
import dev.imagepipeline.notifier.ResultNotifierSettings;

/** Events of a catalog's jobs, as the pipeline publishes them, stamped from {@link #T0}. */
final class CatalogFixtures {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private CatalogFixtures() {
    }

    static ResultNotifierSettings settings(int maxCatalogs, int maxItems, Duration retention) {
        return settings(maxCatalogs, maxItems, retention, Duration.ofMillis(50));
    }

    static ResultNotifierSettings settings(int maxCatalogs, int maxItems, Duration retention, Duration grace) {
        return new ResultNotifierSettings(10_000, Duration.ofHours(6), grace, Duration.ofMinutes(1),
                Duration.ofSeconds(15), Callbacks.defaults(), new Catalogs(maxCatalogs, maxItems, retention));
    }

    static JobId job(CatalogId catalog, long line) {
        return catalog.job(sku(line));
    }

    static String sku(long line) {
        return "SKU-" + line;
    }

    static JobAccepted accepted(CatalogId catalog, long line, Instant at) {
        return new JobAccepted(job(catalog, line), at, "mug", Category.KITCHENWARE, Style.STUDIO,
                new GenerationSettings(1, Resolution.R512, 7.5, null), null, Lane.BULK, null,
                new CatalogItem(catalog, sku(line), line), null);
    }

    static PromptPrepared prepared(CatalogId catalog, long line, Instant at) {
        return new PromptPrepared(job(catalog, line), at, "mug", Category.KITCHENWARE, Style.STUDIO, "a mug", "blurry",
                new ModelSettings(512, 512, 1, 7.5, 30, 7), "local", "preview", Lane.BULK, null, null, List.of(),
                new CatalogItem(catalog, sku(line), line), null);
    }

    static GenerationProgressed progressed(CatalogId catalog, long line, Instant at) {
        return new GenerationProgressed(job(catalog, line), at, 50, "half");
    }

    static GenerationSucceeded succeeded(CatalogId catalog, long line, Instant at) {
        return new GenerationSucceeded(job(catalog, line), at, "local", "preview", 7,
                List.of(new GeneratedImage("http://x/" + line + "-a.png", 512, 512, "image/png", at.plusSeconds(3600)),
                        new GeneratedImage("http://x/" + line + "-b.png", 512, 512, "image/png", at.plusSeconds(3600))),
                List.of(), List.of());
    }

    /**
     * A job of the catalog that succeeded at a cost, with one image checked against Amazon's rules.
     *
     * @param passed whether the image passed them
     */
    static GenerationSucceeded succeededAtCost(CatalogId catalog, long line, Instant at, String usd, boolean passed) {
        var rule = RuleResult.judge(Rule.BACKGROUND, passed ? 1.0 : 0.5, 0.99, null,
                passed ? "the whole border is pure white" : "half the border is pure white", Map.of());
        var verdict = new ComplianceResult(ComplianceCheck.of(Marketplace.AMAZON_MAIN, 1024, 1024, List.of(rule)),
                List.of(), List.of(), null);
        var cost = new Cost(new BigDecimal(usd), "replicate/flux-schnell: 1 image of 1024x1024 at " + usd);
        var record = new ImageRecord("mug", Category.KITCHENWARE, Style.STUDIO, Marketplace.AMAZON_MAIN, false,
                "replicate", "flux-schnell", "a mug", "", new ModelSettings(1024, 1024, 1, null, 4, 7),
                Map.of("aspect_ratio", "1:1"), 0, List.of(), verdict, cost, new ImageTimings(900, 700L, 30L));
        return new GenerationSucceeded(job(catalog, line), at, "replicate", "flux-schnell", 7,
                List.of(new GeneratedImage("http://x/" + line + ".png", 1024, 1024, "image/png", at.plusSeconds(3600),
                        null, record)),
                List.of(), List.of(), cost);
    }

    /** The acceptance of a catalog's job, expected to cost {@code usd}. */
    static JobAccepted acceptedAtCost(CatalogId catalog, long line, Instant at, String usd) {
        var plain = accepted(catalog, line, at);
        return new JobAccepted(plain.jobId(), at, plain.description(), plain.category(), plain.style(),
                plain.settings(), "replicate", plain.lane(), null, plain.catalog(), null,
                new Cost(new BigDecimal(usd), "an estimate"));
    }

    static GenerationFailed failed(CatalogId catalog, long line, Instant at) {
        return new GenerationFailed(job(catalog, line), at, "provider_error", "The provider said \"no\", twice");
    }

    static JobCanceled canceled(CatalogId catalog, long line, Instant at) {
        return new JobCanceled(job(catalog, line), at, JobCanceled.WITH_CATALOG);
    }

    static CatalogReceived received(CatalogId catalog, int items, Instant at, RejectedLine... rejected) {
        return new CatalogReceived(catalog, at, items, items, rejected.length, List.of(rejected), null, null);
    }

    /** A clock a test moves by hand. */
    static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
