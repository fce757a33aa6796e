package dev.imagepipeline.prompt.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import dev.imagepipeline.prompt.PromptWorkerSettings;

class PromptPreparationTests {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final PromptPreparation preparation = new PromptPreparation(new PromptWorkerSettings("local", 1),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void carriesTheRequestIntoConcreteModelSettings() {
        var job = job("walnut desk organizer", new GenerationSettings(3, Resolution.R768, 9.0, 1234L), "local");

        var prepared = preparation.prepare(job);

        assertThat(prepared.jobId()).isEqualTo(job.jobId());
        assertThat(prepared.at()).isEqualTo(NOW);
        assertThat(prepared.settings()).isEqualTo(new ModelSettings(768, 768, 3, 9.0, 30, 1234L));
        assertThat(prepared.prompt()).startsWith("Professional product photography of walnut desk organizer");
        assertThat(prepared.lane()).isEqualTo(Lane.INTERACTIVE);
        assertThat(prepared.style()).isEqualTo(Style.LUXURY);
    }

    @Test
    void givesAJobWithoutSeedAStableSeedOfItsOwn() {
        var job = job("walnut desk organizer", new GenerationSettings(1, Resolution.R512, 7.5, null), "local");

        long first = preparation.prepare(job).settings().seed();

        assertThat(preparation.prepare(job).settings().seed()).isEqualTo(first);
        assertThat(first).isBetween(0L, 0xFFFF_FFFFL);
    }

    @Test
    void usesTheDefaultProviderWhenTheJobNamesNone() {
        var job = job("walnut desk organizer", new GenerationSettings(1, Resolution.R512, 7.5, null), null);

        assertThat(preparation.prepare(job).provider()).isEqualTo("local");
    }

    @Test
    void rejectsRequestsOutsideThePublishedLimits() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> preparation.prepare(job(" ", new GenerationSettings(1, Resolution.R512, 7.5, null), null)))
                .withMessageContaining("description must not be blank");
        assertThatIllegalArgumentException().isThrownBy(
                () -> preparation.prepare(job("mug", new GenerationSettings(5, Resolution.R512, 7.5, null), null)))
                .withMessageContaining("numImages must be from 1 to 4");
        assertThatIllegalArgumentException().isThrownBy(
                () -> preparation.prepare(job("mug", new GenerationSettings(1, Resolution.R512, 90, null), null)))
                .withMessageContaining("guidanceScale");
    }

    private static JobSubmitted job(String description, GenerationSettings settings, String provider) {
        return new JobSubmitted(JobId.random(), description, Category.OTHER, Style.LUXURY, settings, provider, null,
                null, Lane.INTERACTIVE, NOW);
    }
}
