package dev.imagepipeline.ingest.messaging;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.ingest.job.JobQueue;
import dev.imagepipeline.kafka.PipelinePublisher;

/** Queues a job on {@link Topics#REQUESTS}, then announces it on the completion topic, both keyed by its id. */
@Component
class KafkaJobQueue implements JobQueue {

    private final PipelinePublisher publisher;

    KafkaJobQueue(PipelinePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void enqueue(JobSubmitted job, JobAccepted accepted) {
        // The request first: once it is safe the job will run; the view also takes a job whose first event is its
        // prepared prompt, should the acceptance be lost.
        publisher.send(Topics.REQUESTS, job.jobId(), job);
        publisher.publish(accepted);
    }
}
