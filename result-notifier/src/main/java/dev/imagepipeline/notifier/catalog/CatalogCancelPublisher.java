package dev.imagepipeline.notifier.catalog;

import dev.imagepipeline.contracts.CancelRequested;

/** Where a catalog's cancellation goes: to every worker, acknowledged before it returns. */
public interface CatalogCancelPublisher {

    /** @throws dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException when the broker did not take it */
    void publish(CancelRequested request);
}
