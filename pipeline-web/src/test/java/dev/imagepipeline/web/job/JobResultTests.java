package dev.imagepipeline.web.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Cost;
import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.ProviderRun;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;

class JobResultTests {

    private static final JobId JOB = JobId.random();
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void listsThePromptsWarningsBeforeTheProvidersAndKeepsTheModelTheEngineShapedFor() {
        var prepared = new PromptPrepared(JOB, AT, "mug", Category.KITCHENWARE, Style.STUDIO, "prompt", "",
                new ModelSettings(1024, 1024, 1, null, 4, 7), "replicate", "flux-schnell", Lane.INTERACTIVE, null, null,
                List.of("FLUX.1 [schnell] takes no negative prompt; left out: blurry"), null, null);
        var succeeded = new GenerationSucceeded(JOB, AT.plusSeconds(3), "replicate", "flux-schnell", 7, List.of(),
                List.of("1 of 2 images was withheld by the safety checker"), List.of());

        var result = JobResult.of(JOB, List.of(prepared, succeeded));

        assertThat(result.warnings()).containsExactly("FLUX.1 [schnell] takes no negative prompt; left out: blurry",
                "1 of 2 images was withheld by the safety checker");
        assertThat(result.model()).isEqualTo("flux-schnell");
        assertThat(result.negativePrompt()).isEmpty();
    }

    @Test
    void showsTheEstimatedCostFromTheAcceptanceAndTheRecordedOneOnceTheJobSucceeded() {
        var estimate = new Cost(new BigDecimal("0.006"), "replicate/flux-schnell: 2 images");
        var recorded = new Cost(new BigDecimal("0.003"), "replicate/flux-schnell: 1 image");
        var accepted = new JobAccepted(JOB, AT, "mug", Category.KITCHENWARE, Style.STUDIO,
                new GenerationSettings(2, Resolution.R1024, null, null), "replicate", Lane.INTERACTIVE, null, null,
                null, estimate);
        var succeeded = new GenerationSucceeded(JOB, AT.plusSeconds(3), "replicate", "flux-schnell", 7, List.of(),
                List.of("1 of 2 images was withheld by the safety checker"), List.of(), recorded);

        var running = JobResult.of(JOB, List.of(accepted));
        var finished = JobResult.of(JOB, List.of(accepted, succeeded));

        assertThat(running.estimatedCost()).isEqualTo(estimate);
        assertThat(running.cost()).isNull();
        assertThat(finished.estimatedCost()).isEqualTo(estimate);
        assertThat(finished.cost()).isEqualTo(recorded);
    }

    @Test
    void recordsASubmittedRunAndListsItsWarningsBetweenThePromptsAndTheProviders() {
        var prepared = new PromptPrepared(JOB, AT, "mug", Category.KITCHENWARE, Style.STUDIO, "prompt", "",
                new ModelSettings(1024, 1024, 2, null, 4, 7), "replicate", "flux-schnell", Lane.INTERACTIVE, null, null,
                List.of("from the prompt"), null, null);
        var submitted = new GenerationSubmitted(JOB, AT.plusSeconds(1), "replicate", "flux-schnell", 7, "p1",
                List.of("from the submission"));
        var succeeded = new GenerationSucceeded(JOB, AT.plusSeconds(3), "replicate", "flux-schnell", 7, List.of(),
                List.of("from the provider"), List.of(new ProviderRun("p1", 912L)));

        var running = JobResult.of(JOB, List.of(prepared, submitted));
        var finished = JobResult.of(JOB, List.of(prepared, submitted, succeeded));

        assertThat(running.predictionId()).isEqualTo("p1");
        assertThat(running.warnings()).containsExactly("from the prompt", "from the submission");
        assertThat(running.runs()).isEmpty();
        assertThat(finished.warnings()).containsExactly("from the prompt", "from the submission", "from the provider");
        assertThat(finished.runs()).containsExactly(new ProviderRun("p1", 912L));
        assertThat(finished.status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void showsThePromptsWarningsWhileTheJobRuns() {
        var prepared = new PromptPrepared(JOB, AT, "mug", Category.KITCHENWARE, Style.STUDIO, "prompt", "blurry",
                new ModelSettings(512, 512, 1, 7.0, 30, 7), "local", "preview", Lane.INTERACTIVE, null, null,
                List.of("amazon_main needs at least 1000 px: 512x512 raised to 1024x1024"), null, null);

        assertThat(JobResult.of(JOB, List.of(prepared)).warnings())
                .containsExactly("amazon_main needs at least 1000 px: 512x512 raised to 1024x1024");
    }
}
