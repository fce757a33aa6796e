package dev.imagepipeline.ingest.messaging;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.CatalogReceived;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.ingest.catalog.CatalogReceipts;
import dev.imagepipeline.kafka.PipelinePublisher;

/** Publishes each read upload's totals on {@link Topics#CATALOGS}, keyed by the catalog's id. */
@Component
class KafkaCatalogReceipts implements CatalogReceipts {

    private final PipelinePublisher publisher;

    KafkaCatalogReceipts(PipelinePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(CatalogReceived receipt) {
        publisher.send(Topics.CATALOGS, receipt.catalogId().toString(), receipt);
    }
}
