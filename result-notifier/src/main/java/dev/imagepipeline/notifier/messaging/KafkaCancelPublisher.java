package dev.imagepipeline.notifier.messaging;

import java.util.Objects;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.kafka.PipelinePublisher;
import dev.imagepipeline.notifier.job.CancelPublisher;

/**
 * Publishes a cancellation to the workers first, then ends the job: should the second send fail, the client's retry
 * repeats a request the workers already skip by.
 */
@Component
class KafkaCancelPublisher implements CancelPublisher {

    private final PipelinePublisher publisher;

    KafkaCancelPublisher(PipelinePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(CancelRequested request, JobCanceled canceled) {
        publisher.send(Topics.CANCELLATIONS, Objects.requireNonNull(request.jobId()), request);
        publisher.publish(canceled);
    }
}
