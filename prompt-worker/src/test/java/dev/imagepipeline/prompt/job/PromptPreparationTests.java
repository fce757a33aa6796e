package dev.imagepipeline.prompt.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.GenerationSettings;
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

    private static JobSubmitted job(String description, GenerationSettings settings, @Nullable String provider,
            @Nullable String additionalContext) {
        return new JobSubmitted(JobId.random(), description, additionalContext, Category.OTHER, Style.LUXURY, null,
                settings, provider, null, null, Lane.INTERACTIVE, NOW, null, null);
    }
}
