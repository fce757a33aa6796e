package dev.imagepipeline.ingest.job;

/**
 * A request with an idempotency key came while this instance was still reading the retained job events: it cannot
 * yet tell whether the request, or which items of a catalog, were sent before.
 */
public final class RecentJobsUnreadException extends RuntimeException {

    public RecentJobsUnreadException() {
        super("This instance is still reading the pipeline's recent jobs, so it cannot yet tell what of this request "
                + "was sent before; nothing was queued. Try again shortly.");
    }
}
