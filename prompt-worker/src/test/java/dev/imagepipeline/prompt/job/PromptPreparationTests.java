package dev.imagepipeline.prompt.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.prompt.PromptWorkerSettings;
import dev.imagepipeline.prompt.engine.ModelCatalog;
import dev.imagepipeline.prompt.engine.PromptEngine;
import dev.imagepipeline.prompt.engine.PromptRequest;

class PromptPreparationTests {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final PromptPreparation preparation = new PromptPreparation(new PromptWorkerSettings("local", 1, List.of()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void carriesTheRequestIntoConcreteModelSettings() {
        var job = job("walnut desk organizer", new GenerationSettings(3, Resolution.R768, 9.0, 1234L), "local", null);

        var prepared = preparation.prepare(job);

        assertThat(prepared.jobId()).isEqualTo(job.jobId());
        assertThat(prepared.at()).isEqualTo(NOW);
        assertThat(prepared.provider()).isEqualTo("local");
        assertThat(prepared.model()).isEqualTo("preview");
        assertThat(prepared.settings()).isEqualTo(new ModelSettings(768, 768, 3, 9.0, 40, 1234L));
        assertThat(prepared.lane()).isEqualTo(Lane.INTERACTIVE);
    }

    @Test
    void preparesExactlyWhatThePreviewOfTheSameModelShows() {
        var job = new JobSubmitted(JobId.random(), "linen tote bag", "natural undyed canvas", Category.APPAREL,
                Style.LIFESTYLE, Marketplace.AMAZON_MAIN, new GenerationSettings(1, Resolution.R512, null, 5L),
                "replicate", "flux-dev", null, Lane.BULK, NOW, null, null);

        var prepared = preparation.prepare(job);
        var preview = new PromptEngine()
                .prepare(
                        new PromptRequest("linen tote bag", "natural undyed canvas", Category.APPAREL, Style.LIFESTYLE,
                                Marketplace.AMAZON_MAIN, Resolution.R512, null),
                        ModelCatalog.resolve("replicate", "flux-dev"));

        assertThat(prepared.prompt()).isEqualTo(preview.prompt());
        assertThat(prepared.negativePrompt()).isEqualTo(preview.negativePrompt()).isEmpty();
        assertThat(prepared.warnings()).isEqualTo(preview.warnings()).isNotEmpty();
        assertThat(prepared.settings()).isEqualTo(new ModelSettings(1024, 1024, 1, 2.5, 32, 5L));
        assertThat(prepared.marketplace()).isEqualTo(Marketplace.AMAZON_MAIN);
    }

    @Test
    void derivesTheSameSeedForTheSameJob() {
        var job = job("walnut desk organizer", new GenerationSettings(1, Resolution.R512, null, null), "local", null);

        long first = preparation.prepare(job).settings().seed();

        assertThat(preparation.prepare(job).settings().seed()).isEqualTo(first)
                .isEqualTo(PromptPreparation.seedOf(job.jobId()));
    }

    @Test
    void givesAJobWithoutProviderTheDefaultOne() {
        var job = job("walnut desk organizer", new GenerationSettings(1, Resolution.R512, null, null), null, null);

        assertThat(preparation.prepare(job).provider()).isEqualTo("local");
    }

    @Test
    void refusesAJobThatBreaksTheLimits() {
        var one = new GenerationSettings(1, Resolution.R512, null, null);
        assertThatIllegalArgumentException().isThrownBy(() -> preparation.prepare(job(" ", one, null, null)))
                .withMessageContaining("description must not be blank");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> preparation
                        .prepare(job("mug", new GenerationSettings(5, Resolution.R512, null, null), null, null)))
                .withMessageContaining("numImages must be from 1 to 4");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> preparation
                        .prepare(job("mug", new GenerationSettings(1, Resolution.R512, 90.0, null), null, null)))
                .withMessageContaining("guidanceScale");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> preparation.prepare(job("mug", one, null, "x".repeat(501))))
                .withMessageContaining("additionalContext must be at most 500 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> preparation.prepare(job("(((<>)))", one, null, null)))
                .withMessageContaining("description has no words");
    }

    @Test
    void carriesAutofixAlong() {
        var job = new JobSubmitted(JobId.random(), "linen tote bag", null, Category.APPAREL, Style.STUDIO,
                Marketplace.AMAZON_MAIN, new GenerationSettings(1, Resolution.R1024, null, 5L), "local", null, null,
                Lane.INTERACTIVE, NOW, null, null, true, null);

        assertThat(preparation.prepare(job).autofix()).isTrue();
    }

    @Test
    void reproducesARecordExactlyWithoutAskingThePromptEngine() {
        var record = record(new ModelSettings(832, 1216, 2, 3.5, 28, 987_654_321L));
        var job = reproducing(record);

        var prepared = preparation.prepare(job);

        assertThat(prepared.prompt()).isEqualTo(record.prompt());
        assertThat(prepared.negativePrompt()).isEqualTo("blurry, watermark");
        assertThat(prepared.settings()).isEqualTo(record.settings());
        assertThat(prepared.provider()).isEqualTo("replicate");
        assertThat(prepared.model()).isEqualTo("flux-dev");
        assertThat(prepared.marketplace()).isEqualTo(Marketplace.AMAZON_MAIN);
        assertThat(prepared.autofix()).isTrue();
        assertThat(prepared.description()).isEqualTo("linen tote bag");
        assertThat(prepared.category()).isEqualTo(Category.APPAREL);
        assertThat(prepared.style()).isEqualTo(Style.LIFESTYLE);
        assertThat(prepared.warnings()).containsExactly(PromptPreparation.REPRODUCED);
        assertThat(prepared.lane()).isEqualTo(Lane.INTERACTIVE);
    }

    @Test
    void refusesARecordOutsideTheLimits() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> preparation.prepare(reproducing(record(new ModelSettings(32, 512, 1, null, null, 1)))))
                .withMessageContaining("reproduce.settings width and height must be from 64 to 4096");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> preparation.prepare(reproducing(record(new ModelSettings(512, 512, 7, null, null, 1)))))
                .withMessageContaining("reproduce.settings.numImages must be from 1 to 4");
    }

    private static ImageRecord record(ModelSettings settings) {
        return new ImageRecord("linen tote bag", Category.APPAREL, Style.LIFESTYLE, Marketplace.AMAZON_MAIN, true,
                "replicate", "flux-dev", "a linen tote bag on a pure white background", "blurry, watermark", settings,
                Map.of("aspect_ratio", "2:3"), 1, List.of("an earlier warning"), null, null, null);
    }

    /** A job as ingest-api submits a record: its request taken from the record, its settings of no account. */
    private static JobSubmitted reproducing(ImageRecord record) {
        return new JobSubmitted(JobId.random(), record.description(), null, record.category(), record.style(),
                record.marketplace(), new GenerationSettings(1, Resolution.R512, null, record.seed()),
                record.provider(), record.model(), null, Lane.INTERACTIVE, NOW, null, null, record.autofix(), record);
    }

    private static JobSubmitted job(String description, GenerationSettings settings, @Nullable String provider,
            @Nullable String additionalContext) {
        return new JobSubmitted(JobId.random(), description, additionalContext, Category.OTHER, Style.LUXURY, null,
                settings, provider, null, null, Lane.INTERACTIVE, NOW, null, null);
    }
}
