package dev.imagepipeline.webhook.messaging;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.kafka.PipelinePublisher;
import dev.imagepipeline.webhook.CallbackPublisher;

/** Publishes each callback on the provider-callbacks topic, keyed by its job, and waits for the broker's ack. */
@Component
class KafkaCallbackPublisher implements CallbackPublisher {

    private final PipelinePublisher publisher;

    KafkaCallbackPublisher(PipelinePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(ProviderCallback callback) {
        publisher.send(Topics.PROVIDER_CALLBACKS, callback.jobId(), callback);
    }
}
