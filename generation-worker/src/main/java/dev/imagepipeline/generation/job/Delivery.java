package dev.imagepipeline.generation.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.ComplianceResult;
import dev.imagepipeline.contracts.Cost;
import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.ImageTimings;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.PriceTable;
import dev.imagepipeline.contracts.ProviderRun;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.compliance.ComplianceChecker;
import dev.imagepipeline.generation.compliance.Inspection;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.web.pricing.PricingSettings;

/**
 * Hands a provider's images to the store and tells the job where they are, each image with its record: how it was
 * made, its verdict under the marketplace's rules (and the fixed copy, stored beside the original, when the job asked
 * for one), and its share of the job's cost.
 */
@Component
class Delivery {

    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    private final ImageStore store;
    private final ComplianceChecker checker;
    private final PriceTable prices;
    private final Clock clock;

    @Autowired
    Delivery(ImageStore store, GenerationWorkerSettings settings, PricingSettings pricing, Clock clock) {
        this(store, settings.compliance().checker(), pricing.table(), clock);
    }

    Delivery(ImageStore store, ComplianceChecker checker, PriceTable prices, Clock clock) {
        this.store = store;
        this.checker = checker;
        this.prices = prices;
        this.clock = clock;
    }

    /**
     * @param provider the provider that made the images, after any fallback
     * @param notes what happened on the way, such as a fallback; they come before the provider's own warnings
     * @param recipe the record the images are to carry, as far as it was known before they existed; absent for a job
     *        of an event written before records were kept, whose images then carry none
     * @param startedAt when the worker took the job, or submitted its run, from which the generation time counts
     */
    GenerationSucceeded succeeded(JobId job, String provider, GeneratedBatch batch, List<String> notes,
            @Nullable ImageRecord recipe, @Nullable Instant startedAt) {
        var warnings = new ArrayList<>(notes);
        warnings.addAll(batch.warnings());
        var made = batch.images();
        var originals = made.stream().map(store::store).toList();
        var stored = clock.instant();
        var record = recipe == null
                ? null
                : recipe.madeBy(provider, batch.model(),
                        batch.providerInput().isEmpty() ? recipe.providerInput() : batch.providerInput());
        var inspections = new ArrayList<Checked>();
        for (int i = 0; i < made.size(); i++) {
            inspections.add(inspect(job, record, i, made.get(i), warnings));
        }
        var images = new ArrayList<GeneratedImage>();
        for (int i = 0; i < made.size(); i++) {
            var checked = inspections.get(i);
            var original = originals.get(i);
            var fixed = checked.fixed().map(store::store).orElse(null);
            var delivered = fixed != null ? fixed : original;
            var image = record == null
                    ? null
                    : record.forImage(i, recordWarnings(record, warnings), checked.result(),
                            share(provider, batch.model(), made.get(i)), new ImageTimings(millis(startedAt, stored),
                                    compute(batch.runs(), i, made.size()), checked.millis()));
            images.add(new GeneratedImage(delivered.url(), delivered.width(), delivered.height(),
                    delivered.contentType(), delivered.expiresAt(), fixed != null ? original.url() : null, image));
        }
        return new GenerationSucceeded(job, clock.instant(), provider, batch.model(), batch.seed(), images, warnings,
                batch.runs(), cost(provider, batch.model(), made));
    }

    /** Checks the image against the record's marketplace, when it names one; notes an image that cannot be read. */
    private Checked inspect(JobId job, @Nullable ImageRecord record, int index, RenderedImage image,
            List<String> warnings) {
        if (record == null || record.marketplace() == null) {
            return Checked.NONE;
        }
        var marketplace = record.marketplace();
        long began = System.nanoTime();
        Optional<Inspection> inspection;
        try {
            inspection = checker.inspect(image, marketplace, record.autofix());
        } catch (RuntimeException e) {
            // The images are made and paid for: a fault in the checks must not cost the job them.
            log.error("The {} checks failed on image {} of job {}", marketplace.wireName(), index + 1, job, e);
            warnings.add("image %d could not be checked against the %s rules: the checks failed".formatted(index + 1,
                    marketplace.wireName()));
            return Checked.NONE;
        }
        long millis = Duration.ofNanos(System.nanoTime() - began).toMillis();
        if (inspection.isEmpty()) {
            warnings.add("image %d (%s) could not be decoded here, so it was not checked against the %s rules"
                    .formatted(index + 1, image.contentType(), marketplace.wireName()));
            return Checked.NONE;
        }
        return new Checked(inspection.get().result(), inspection.get().fixedImage(), millis);
    }

    /** What the images cost on the model that made them: by the first image's size, as a batch shares one. */
    private @Nullable Cost cost(String provider, String model, List<RenderedImage> made) {
        if (made.isEmpty()) {
            return null;
        }
        var first = made.getFirst();
        return prices.cost(provider, model, made.size(), first.width(), first.height()).orElse(null);
    }

    private @Nullable Cost share(String provider, String model, RenderedImage image) {
        return prices.cost(provider, model, 1, image.width(), image.height()).orElse(null);
    }

    /** The prompt's and the submission's warnings, then the job's: the whole story of the image, once each. */
    private static List<String> recordWarnings(ImageRecord record, List<String> warnings) {
        var all = new LinkedHashSet<>(record.warnings());
        all.addAll(warnings);
        return List.copyOf(all);
    }

    /** The compute time of the run that made the image: its own where each image had one, else the batch's. */
    private static @Nullable Long compute(List<ProviderRun> runs, int index, int images) {
        if (runs.size() == images && images > 1) {
            return runs.get(index).computeMillis();
        }
        var reported = runs.stream().map(ProviderRun::computeMillis).filter(millis -> millis != null).toList();
        return reported.isEmpty() ? null : reported.stream().mapToLong(Long::longValue).sum();
    }

    private static long millis(@Nullable Instant from, Instant to) {
        return from == null ? 0 : Math.max(0, Duration.between(from, to).toMillis());
    }

    /** One image's compliance, when it was checked. */
    private record Checked(@Nullable ComplianceResult result, @Nullable RenderedImage fixedImage,
            @Nullable Long millis) {

        static final Checked NONE = new Checked(null, null, null);

        Optional<RenderedImage> fixed() {
            return Optional.ofNullable(fixedImage);
        }
    }
}
