package dev.imagepipeline.generation.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.generation.provider.RunSchedule;

/**
 * The runs submitted to providers, as this instance read them from the completion topic: which jobs have one, and which
 * of those runs have not ended. A prompt read again after a crash is then not submitted a second time, and a run whose
 * callback never comes is still looked after. Bounded: the oldest leave first, hours after they ended.
 */
@Component
public class SubmittedRuns {

    /** Replicate creates at most 600 predictions a minute for an account: hours of runs, far longer than one lasts. */
    static final int REMEMBERED = 100_000;

    private final Set<JobId> submitted = Collections.newSetFromMap(new Bounded<>());
    private final Set<JobId> ended = Collections.newSetFromMap(new Bounded<>());
    private final Map<JobId, Watched> open = new Bounded<>();
    private final CountDownLatch replayed = new CountDownLatch(1);

    /** Takes one event off the completion topic; a job's events come in the order they were published. */
    public void read(JobEvent event) {
        read(event, null);
    }

    /**
     * As {@link #read(JobEvent)}, with the trace context ({@code traceparent}) the event's record carried: a run's
     * callback, which comes in a trace of its own, ends the job in the job's trace.
     */
    public synchronized void read(JobEvent event, @Nullable String traceparent) {
        if (event instanceof GenerationSubmitted run) {
            // A second submission of a job (its first was not yet known) leaves the first run watched: either ends it.
            // A submission read after its job's end (its callback won the race to the topic) has nothing to watch.
            if (submitted.add(run.jobId()) && !ended.contains(run.jobId())) {
                open.put(run.jobId(), new Watched(
                        new Run(run.jobId(), run.provider(), run.predictionId(), run.at(), run.recipe()), traceparent));
            }
        } else if (event.terminal()) {
            ended.add(event.jobId());
            open.remove(event.jobId());
        }
    }

    /** Whether a terminal event of the job was read from the completion topic: nothing may end it again. */
    public synchronized boolean ended(JobId job) {
        return ended.contains(job);
    }

    /** The trace context of the job whose run has not ended, as its submission's record carried it. */
    public synchronized Optional<String> trace(JobId job) {
        var watched = open.get(job);
        return watched == null ? Optional.empty() : Optional.ofNullable(watched.trace);
    }

    /** The job's run that has not ended, as its submission told of it: with the recipe of its images, if any. */
    public synchronized Optional<Run> open(JobId job) {
        var watched = open.get(job);
        return watched == null ? Optional.empty() : Optional.of(watched.run);
    }

    /** Whether a run was submitted for the job, ended or not: its prompt is not to be submitted again. */
    public synchronized boolean submitted(JobId job) {
        return submitted.contains(job);
    }

    /** The completion topic has been read as far as it reached when this instance began to read it. */
    public void replayed() {
        replayed.countDown();
    }

    /** Waits until every run submitted before this instance began to read the completion topic is known here. */
    public void awaitReplayed() throws InterruptedException {
        replayed.await();
    }

    /** @return whether every run submitted before this instance began to read is known here, within the wait */
    public boolean awaitReplayed(Duration wait) throws InterruptedException {
        return replayed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The runs not yet ended that are due for a look: owned here, past their grace, and not looked at for an interval
     * of their provider's schedule. Each is taken as looked at now. None before the topic's replay caught up: a run
     * learned as submitted then may have ended in a record not yet read, and a poll would end its job a second time.
     *
     * @param schedules how a provider's runs are watched; empty for a provider whose runs this worker cannot watch
     */
    synchronized List<Run> due(Instant now, Predicate<JobId> owned, Function<String, Optional<RunSchedule>> schedules) {
        var due = new ArrayList<Run>();
        if (replayed.getCount() > 0) {
            return due;
        }
        for (var watched : open.values()) {
            var schedule = schedules.apply(watched.run.provider());
            if (schedule.isPresent() && owned.test(watched.run.job()) && watched.due(now, schedule.get())) {
                watched.lookedAt = now;
                due.add(watched.run);
            }
        }
        return due;
    }

    /** Stops watching the job's run, for a job that ended without its end being read here, such as a canceled one. */
    synchronized void forget(JobId job) {
        open.remove(job);
    }

    /**
     * A job's run at a provider.
     *
     * @param id the provider's id for the run
     * @param submittedAt when the provider accepted it, from which its deadline counts
     * @param recipe the record its images are to carry; absent in a submission written before records were kept
     */
    public record Run(JobId job, String provider, String id, Instant submittedAt, @Nullable ImageRecord recipe) {

        public Run(JobId job, String provider, String id, Instant submittedAt) {
            this(job, provider, id, submittedAt, null);
        }
    }

    private static final class Watched {

        private final Run run;
        private final @Nullable String trace;
        private @Nullable Instant lookedAt;

        Watched(Run run, @Nullable String trace) {
            this.run = run;
            this.trace = trace;
        }

        boolean due(Instant now, RunSchedule schedule) {
            var next = lookedAt == null ? run.submittedAt().plus(schedule.grace()) : lookedAt.plus(schedule.interval());
            return !now.isBefore(next);
        }
    }

    private static final class Bounded<K, V> extends LinkedHashMap<K, V> {

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > REMEMBERED;
        }
    }
}
