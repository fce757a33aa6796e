package dev.imagepipeline.notifier.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Lane;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.notifier.ResultNotifierSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Meters the jobs as the completion topic tells them: how many reach each state, by lane, and how long they take from
 * acceptance to their end and in each stage, measured between the events' own times. Every instance reads the whole
 * topic, so each counts every job (aggregate with max, not sum); events from before the instance started are history
 * it replays, not counted.
 */
@Component
public class JobMetrics {

    private static final Duration[] BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30)};

    private final MeterRegistry meters;
    private final Instant since;
    private final Map<JobId, Started> started;

    @Autowired
    JobMetrics(ObjectProvider<MeterRegistry> meters, Clock clock, ResultNotifierSettings settings) {
        this(meters.getIfAvailable(SimpleMeterRegistry::new), clock.instant(), settings.maxJobs());
    }

    JobMetrics(MeterRegistry meters, Instant since, int maxJobs) {
        this.meters = meters;
        this.since = since;
        // Bounded like the view: a job whose end never comes is forgotten, eldest first.
        this.started = new LinkedHashMap<>(16, 0.75f, false) {

            @Override
            protected boolean removeEldestEntry(Map.Entry<JobId, Started> eldest) {
                return size() > maxJobs;
            }
        };
    }

    /** Takes an event that changed its job (not a duplicate). */
    public synchronized void record(JobEvent event) {
        if (event.at().isBefore(since)) {
            return;
        }
        switch (event) {
            case JobAccepted accepted -> {
                started.put(accepted.jobId(), new Started(accepted.at(), accepted.lane(), null));
                count("accepted", laneTag(accepted.lane()));
            }
            case PromptPrepared prepared -> prepared(prepared);
            case GenerationSucceeded succeeded -> ended(succeeded, "succeeded");
            case GenerationFailed failed -> ended(failed, "failed");
            case JobCanceled canceled -> ended(canceled, "canceled");
            default -> {
            }
        }
    }

    private void prepared(PromptPrepared event) {
        var job = started.get(event.jobId());
        if (job != null && job.prepared() == null) {
            started.put(event.jobId(), new Started(job.accepted(), job.lane(), event.at()));
            stage("prompt", job.lane()).record(Duration.between(job.accepted(), event.at()));
        }
    }

    private void ended(JobEvent event, String state) {
        var job = started.remove(event.jobId());
        String lane = job == null ? "unknown" : laneTag(job.lane());
        count(state, lane);
        if (job == null) {
            return;
        }
        Timer.builder("pipeline.job.duration")
                .description("From a job's acceptance to its end")
                .tags("state", state, "lane", lane)
                .serviceLevelObjectives(BUCKETS)
                .register(meters)
                .record(Duration.between(job.accepted(), event.at()));
        if (job.prepared() != null) {
            stage("generation", job.lane()).record(Duration.between(job.prepared(), event.at()));
        }
    }

    private void count(String state, String lane) {
        Counter.builder("pipeline.jobs")
                .description("Jobs that reached a state, by lane; lane unknown for a job accepted before the instance")
                .tags("state", state, "lane", lane)
                .register(meters)
                .increment();
    }

    private Timer stage(String stage, Lane lane) {
        return Timer.builder("pipeline.job.stage.duration")
                .description("A job's time in one stage: prompt (accepted to prompt prepared), generation (to its end)")
                .tags("stage", stage, "lane", laneTag(lane))
                .serviceLevelObjectives(BUCKETS)
                .register(meters);
    }

    private static String laneTag(Lane lane) {
        return lane.name().toLowerCase(Locale.ROOT);
    }

    private record Started(Instant accepted, Lane lane, @Nullable Instant prepared) {
    }
}
