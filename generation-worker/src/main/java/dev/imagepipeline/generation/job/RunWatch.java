package dev.imagepipeline.generation.job;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.generation.job.Generation.EventSink;
import dev.imagepipeline.generation.job.SubmittedRuns.Run;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RunCallbacks;
import dev.imagepipeline.generation.provider.RunCallbacks.Report;
import dev.imagepipeline.generation.provider.RunSchedule;
import dev.imagepipeline.kafka.Cancellations;

/**
 * Looks after the submitted runs whose callbacks are late, as a callback may never come: asks the provider how each
 * stands and ends its job as the callback would have, through {@link Completion}, so that a job ends once however its
 * news arrives. A run still going at its deadline is canceled at the provider, and its job fails
 * {@code provider_timeout}. Which runs are this instance's to look after is the caller's to say.
 */
@Service
public class RunWatch {

    private static final Logger log = LoggerFactory.getLogger(RunWatch.class);
    private static final String TIMEOUT = "provider_timeout";

    private final SubmittedRuns runs;
    private final Completion completion;
    private final Cancellations cancellations;
    private final Clock clock;

    RunWatch(SubmittedRuns runs, Completion completion, Cancellations cancellations, Clock clock) {
        this.runs = runs;
        this.completion = completion;
        this.cancellations = cancellations;
        this.clock = clock;
    }

    /** The runs not yet ended that the caller owns and that are due for a look now; each is taken as looked at. */
    public List<Run> due(Predicate<JobId> owned) {
        return runs.due(clock.instant(), owned,
                provider -> completion.reader(provider).flatMap(RunCallbacks::schedule));
    }

    /**
     * Asks the run's provider how it stands and ends its job when it has ended, or once it is past its deadline.
     *
     * @param outcome publishes the job's terminal event, and throws when it could not; the run is then looked at again
     * @return the terminal event published, or empty while the run goes on
     */
    public Optional<JobEvent> look(Run run, EventSink outcome) {
        var reader = completion.reader(run.provider()).orElse(null);
        var schedule = reader == null ? null : reader.schedule().orElse(null);
        if (reader == null || schedule == null || completion.finished(run.job())) {
            return Optional.empty();
        }
        if (cancellations.canceled(run.job())) {
            // Its cancellation ended the job and asked the provider to stop the run.
            runs.forget(run.job());
            return Optional.empty();
        }
        boolean late = !clock.instant().isBefore(run.submittedAt().plus(schedule.deadline()));
        String source = "a poll of %s run %s".formatted(run.provider(), run.id());
        try {
            if (reader.poll(run.id()) instanceof Report.Finished(var batch)) {
                return completion.end(run.job(), source, outcome, () -> succeeded(run, batch));
            }
        } catch (ProviderException e) {
            // A run the provider canceled past its deadline, for a job nobody canceled, was canceled for its deadline.
            if (!late || !"canceled".equals(e.reason())) {
                return completion.end(run.job(), source, outcome, () -> failed(run.job(), e.reason(), e.getMessage()));
            }
        } catch (RuntimeException e) {
            // Asked again at the next look; the deadline still ends the job.
            log.warn("Could not poll {} run {} of job {}", run.provider(), run.id(), run.job(), e);
        }
        return late
                ? completion.end(run.job(), source, outcome, () -> timedOut(reader, run, schedule))
                : Optional.empty();
    }

    private JobEvent succeeded(Run run, GeneratedBatch batch) {
        try {
            return completion.succeeded(run.job(), run.provider(), batch);
        } catch (RuntimeException e) {
            log.error("The images of {} run {} of job {} could not be stored", run.provider(), run.id(), run.job(), e);
            return failed(run.job(), "generation_error", "The images could not be stored.");
        }
    }

    /** Cancels the run so that it stops costing, and fails the job saying how that went. */
    private GenerationFailed timedOut(RunCallbacks reader, Run run, RunSchedule schedule) {
        String canceled;
        try {
            reader.cancel(run.id());
            canceled = "it was canceled";
        } catch (ProviderException e) {
            canceled = "canceling it failed too (" + e.getMessage() + ")";
        }
        return failed(run.job(), TIMEOUT, "%s run %s had not ended %d s after it was submitted; %s."
                .formatted(run.provider(), run.id(), schedule.deadline().toSeconds(), canceled));
    }

    private GenerationFailed failed(JobId job, String reason, String message) {
        return new GenerationFailed(job, clock.instant(), reason, message);
    }
}
