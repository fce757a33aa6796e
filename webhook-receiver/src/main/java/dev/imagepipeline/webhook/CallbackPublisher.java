package dev.imagepipeline.webhook;

import dev.imagepipeline.contracts.ProviderCallback;

/** Hands a verified provider callback on to the pipeline, which interprets it. */
public interface CallbackPublisher {

    /**
     * Returns once the callback is safely recorded.
     *
     * @throws dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException when it was not, so the provider
     *         should deliver the callback again
     */
    void publish(ProviderCallback callback);
}
