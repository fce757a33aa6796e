package dev.imagepipeline.ingest.job;

import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobSubmitted;

/** Where accepted jobs go to be worked on. */
public interface JobQueue {

    /**
     * Returns once the job is safely queued.
     *
     * @throws dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException when the queue did not take it
     */
    void enqueue(JobSubmitted job, JobAccepted accepted);
}
