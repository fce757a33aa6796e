package dev.imagepipeline.ingest.messaging;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.ingest.job.JobQueue;
import dev.imagepipeline.kafka.PipelinePublisher;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;

/** Announces a job on the completion topic, then queues it on {@link Topics#REQUESTS}, both keyed by its id. */
@Component
class KafkaJobQueue implements JobQueue {

    private final PipelinePublisher publisher;

    KafkaJobQueue(PipelinePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void enqueue(JobSubmitted job, JobAccepted accepted) {
        // The acceptance first: queued first, the request's prepared prompt could reach a client's stream before it.
        publisher.publish(accepted);
        try {
            publisher.send(Topics.REQUESTS, job.jobId(), job);
        } catch (PublishFailedException ex) {
            // The client gets a 503; the job it may already see announced ends rather than waiting forever.
            publisher.announce(new GenerationFailed(job.jobId(), accepted.at(), "not_queued",
                    "The pipeline could not queue the job, so it was not run."));
            throw ex;
        }
    }
}
