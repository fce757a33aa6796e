package dev.imagepipeline.notifier.job;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.web.job.JobResult;

/**
 * Cancels a job: the request goes to every worker, which skips the job wherever it waits or stops it where it runs,
 * and the job ends {@code canceled} at once, on the completion topic, so every channel says so. A job that finished
 * first keeps its end.
 */
@Service
class JobCancellation {

    /** How long to wait for the view to read the cancellation back, after the broker acknowledged it. */
    private static final Duration READ_BACK = Duration.ofSeconds(5);

    private final JobView view;
    private final CancelPublisher publisher;
    private final Clock clock;

    JobCancellation(JobView view, CancelPublisher publisher, Clock clock) {
        this.view = view;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * @return the job after the cancellation, or empty for a job the view does not know; a job that had finished
     *         before is returned unchanged, and its status says how it ended
     */
    Optional<JobResult> cancel(JobId id) {
        var job = view.awaitKnown(id);
        if (job.isEmpty() || job.get().status().finished()) {
            return job;
        }
        var at = clock.instant();
        var current = job.get();
        publisher.publish(new CancelRequested(id, at, current.provider(), current.predictionId()),
                new JobCanceled(id, at, "canceled by the client"));
        return view.awaitFinished(id, READ_BACK);
    }
}
