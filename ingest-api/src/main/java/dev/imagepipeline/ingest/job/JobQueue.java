package dev.imagepipeline.ingest.job;

import java.util.List;
import java.util.function.Function;

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

    /**
     * Queues many jobs at once, as {@link #enqueue} queues one: each announced, as {@code announcement} says, before
     * it is queued. Returns once all are safely queued.
     *
     * @throws dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException when the queue did not take them all;
     *         some may have been queued
     */
    void enqueueAll(List<JobSubmitted> jobs, Function<JobSubmitted, JobAccepted> announcement);
}
