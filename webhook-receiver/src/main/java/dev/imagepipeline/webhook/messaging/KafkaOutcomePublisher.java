package dev.imagepipeline.webhook.messaging;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.kafka.PipelinePublisher;
import dev.imagepipeline.webhook.OutcomePublisher;

/** Publishes each outcome on the completion topic, keyed by its job, and waits for the broker's acknowledgement. */
@Component
class KafkaOutcomePublisher implements OutcomePublisher {

    private final PipelinePublisher publisher;

    KafkaOutcomePublisher(PipelinePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(JobEvent outcome) {
        publisher.publish(outcome);
    }
}
