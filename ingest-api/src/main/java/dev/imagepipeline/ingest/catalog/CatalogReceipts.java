package dev.imagepipeline.ingest.catalog;

import dev.imagepipeline.contracts.CatalogReceived;

/** Where the totals of a read upload go, for result-notifier's catalog view. */
public interface CatalogReceipts {

    /**
     * Returns once the receipt is safely published.
     *
     * @throws dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException when it was not
     */
    void publish(CatalogReceived receipt);
}
