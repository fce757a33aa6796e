package dev.imagepipeline.notifier.catalog;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.CatalogId;

/**
 * Cancels a catalog: the request goes to every worker, which skips the catalog's jobs that have not started and ends
 * each {@code canceled} itself, so this publishes no job's end. Items that run finish as they would. A catalog that
 * completed first keeps its end; one canceled already is not canceled again.
 */
@Service
class CatalogCancellation {

    private final CatalogView view;
    private final CatalogCancelPublisher publisher;
    private final Clock clock;

    CatalogCancellation(CatalogView view, CatalogCancelPublisher publisher, Clock clock) {
        this.view = view;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @return the catalog as it stands after the request, or empty for a catalog the view does not know */
    Optional<CatalogSummary> cancel(CatalogId id) {
        var catalog = view.awaitKnown(id);
        if (catalog.isEmpty() || catalog.get().cancelRequested() || catalog.get().status().finished()) {
            return catalog;
        }
        var at = clock.instant();
        publisher.publish(CancelRequested.catalog(id, at));
        // Held at once rather than when the view reads the request back, so that the answer already says so.
        view.cancelRequested(id, at);
        return view.find(id);
    }
}
