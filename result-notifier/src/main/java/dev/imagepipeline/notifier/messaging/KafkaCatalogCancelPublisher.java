package dev.imagepipeline.notifier.messaging;

import java.util.Objects;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.kafka.PipelinePublisher;
import dev.imagepipeline.notifier.catalog.CatalogCancelPublisher;

/** Publishes a catalog's cancellation on {@link Topics#CANCELLATIONS}, keyed by the catalog's id. */
@Component
class KafkaCatalogCancelPublisher implements CatalogCancelPublisher {

    private final PipelinePublisher publisher;

    KafkaCatalogCancelPublisher(PipelinePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void publish(CancelRequested request) {
        publisher.send(Topics.CANCELLATIONS, Objects.requireNonNull(request.catalogId()).toString(), request);
    }
}
