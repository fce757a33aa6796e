package dev.imagepipeline.ingest.messaging;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.ingest.job.JobQueue;
import dev.imagepipeline.kafka.PipelinePublisher;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;

/**
 * Announces a job on the completion topic, then queues it on its lane's request topic ({@link Topics#REQUESTS} or
 * {@link Topics#REQUESTS_BULK}), both keyed by its id.
 */
@Component
class KafkaJobQueue implements JobQueue {

    /** The reason of a job that was announced but could not be queued; it never ran. */
    static final String NOT_QUEUED = "not_queued";

    private final PipelinePublisher publisher;

    KafkaJobQueue(PipelinePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void enqueue(JobSubmitted job, JobAccepted accepted) {
        // The acceptance first: queued first, the request's prepared prompt could reach a client's stream before it.
        publisher.publish(accepted);
        try {
            publisher.send(Topics.requests(job.lane()), job.jobId(), job);
        } catch (PublishFailedException ex) {
            // The client gets a 503; the job it may already see announced ends rather than waiting forever.
            notQueued(job);
            throw ex;
        }
    }

    @Override
    public void enqueueAll(List<JobSubmitted> jobs, Function<JobSubmitted, JobAccepted> announcement) {
        publisher.sendAll(Topics.JOB_EVENTS, jobs.stream().map(announcement).toList(), JobEvent::jobId);
        try {
            for (var lane : jobs.stream().collect(Collectors.groupingBy(JobSubmitted::lane)).entrySet()) {
                publisher.sendAll(Topics.requests(lane.getKey()), lane.getValue(), JobSubmitted::jobId);
            }
        } catch (PublishFailedException ex) {
            // Some may have been queued after all: their first terminal event wins over this one.
            jobs.forEach(this::notQueued);
            throw ex;
        }
    }

    private void notQueued(JobSubmitted job) {
        publisher.announce(new GenerationFailed(job.jobId(), job.submittedAt(), NOT_QUEUED,
                "The pipeline could not queue the job, so it was not run."));
    }
}
