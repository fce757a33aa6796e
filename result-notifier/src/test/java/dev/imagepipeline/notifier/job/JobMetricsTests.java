package dev.imagepipeline.notifier.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationSettings;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class JobMetricsTests {

    private static final Instant STARTED = Instant.parse("2026-11-28T06:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JobMetrics metrics = new JobMetrics(meters, STARTED, 100);

    @Test
    void countsJobsByStateAndLaneAndTimesThemFromAcceptanceToTheirEnd() {
        var job = JobId.random();
        metrics.record(accepted(job, STARTED.plusSeconds(1), Lane.BULK));
        metrics.record(succeeded(job, STARTED.plusSeconds(4)));

        assertThat(count("accepted", "bulk")).isEqualTo(1);
        assertThat(count("succeeded", "bulk")).isEqualTo(1);
        var duration = meters.get("pipeline.job.duration").tags("state", "succeeded", "lane", "bulk").timer();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3000);
    }

    @Test
    void leavesOutWhatHappenedBeforeTheInstanceStartedSoAReplayIsNotCountedAgain() {
        var job = JobId.random();
        metrics.record(accepted(job, STARTED.minusSeconds(10), Lane.INTERACTIVE));
        metrics.record(succeeded(job, STARTED.minusSeconds(5)));

        assertThat(meters.find("pipeline.jobs").counters()).isEmpty();
    }

    @Test
    void countsTheEndOfAJobAcceptedBeforeTheInstanceStartedInAnUnknownLane() {
        var job = JobId.random();
        metrics.record(accepted(job, STARTED.minusSeconds(10), Lane.INTERACTIVE));
        metrics.record(new GenerationFailed(job, STARTED.plus(Duration.ofSeconds(2)), "provider_error", "500"));

        assertThat(count("failed", "unknown")).isEqualTo(1);
        assertThat(meters.find("pipeline.job.duration").timers()).isEmpty();
    }

    private double count(String state, String lane) {
        return meters.get("pipeline.jobs").tags("state", state, "lane", lane).counter().count();
    }

    private static JobAccepted accepted(JobId job, Instant at, Lane lane) {
        return new JobAccepted(job, at, "mug", Category.KITCHENWARE, Style.STUDIO,
                new GenerationSettings(1, Resolution.R512, 7.5, null), null, lane, null, null, null);
    }

    private static GenerationSucceeded succeeded(JobId job, Instant at) {
        return new GenerationSucceeded(job, at, "local", "preview", 7,
                List.of(new GeneratedImage("http://x/a.png", 512, 512, "image/png", at.plusSeconds(3600))), List.of(),
                List.of());
    }
}
