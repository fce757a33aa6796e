package dev.imagepipeline.ingest.catalog;

/**
 * An upload with an idempotency key came while this instance was still reading the retained job events: it cannot
 * yet tell which items are already jobs.
 */
final class CatalogUnavailableException extends RuntimeException {

    CatalogUnavailableException() {
        super("This instance is still reading the pipeline's recent jobs, so it cannot yet tell which items of the "
                + "catalog were sent before; nothing was queued. Try again shortly.");
    }
}
