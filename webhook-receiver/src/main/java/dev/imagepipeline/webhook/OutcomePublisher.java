package dev.imagepipeline.webhook;

import dev.imagepipeline.contracts.JobEvent;

/** Records what a verified provider callback said about a job. */
public interface OutcomePublisher {

    /**
     * Returns once the outcome is safely recorded.
     *
     * @throws dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException when it was not, so the provider
     *         should deliver the callback again
     */
    void publish(JobEvent outcome);
}
