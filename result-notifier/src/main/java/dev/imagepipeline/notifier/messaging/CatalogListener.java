package dev.imagepipeline.notifier.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.CatalogReceived;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.notifier.catalog.CatalogView;

/**
 * Feeds every catalog receipt, and every cancellation of a whole catalog, into this instance's catalog view: read
 * like the completion topic, so that every instance knows every catalog's size and whether it was canceled, whichever
 * instance a client asked.
 */
@Component
class CatalogListener {

    private final CatalogView view;

    CatalogListener(CatalogView view) {
        this.view = view;
    }

    @KafkaListener(id = "result-notifier.catalogs", groupId = ResultNotifierKafkaConfiguration.GROUP_PREFIX
            + "#{T(java.util.UUID).randomUUID()}", topics = Topics.CATALOGS, containerFactory = ResultNotifierKafkaConfiguration.CONTAINER_FACTORY)
    void on(CatalogReceived receipt) {
        view.received(receipt);
    }

    @KafkaListener(id = "result-notifier.catalog-cancellations", groupId = ResultNotifierKafkaConfiguration.GROUP_PREFIX
            + "#{T(java.util.UUID).randomUUID()}", topics = Topics.CANCELLATIONS, containerFactory = ResultNotifierKafkaConfiguration.CONTAINER_FACTORY)
    void on(CancelRequested request) {
        // A single job's cancellation ends that job with its own event, which the view reads from the completion topic.
        if (request.catalogId() != null) {
            view.cancelRequested(request.catalogId(), request.at());
        }
    }
}
