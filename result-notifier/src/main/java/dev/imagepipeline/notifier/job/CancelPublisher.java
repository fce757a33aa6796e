package dev.imagepipeline.notifier.job;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.JobCanceled;

/** Where a cancellation goes: to the workers, then to the job's record, each acknowledged before it returns. */
public interface CancelPublisher {

    void publish(CancelRequested request, JobCanceled canceled);
}
