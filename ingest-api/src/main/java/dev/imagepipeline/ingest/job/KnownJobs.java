package dev.imagepipeline.ingest.job;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.ingest.IngestApiSettings;

/**
 * The jobs the pipeline has accepted within the completion topic's retention, as this instance has read them or
 * queued them itself, so that a request sent again does not make its job twice: a job sent with an
 * {@code Idempotency-Key}, and a catalog's jobs, have ids derived from the key (and the SKU). Bounded: the oldest leave
 * first. Until this instance has read the retained events up to where they stood at its start, it does not know them
 * all; a caller that needs to can wait for that.
 */
@Component
public class KnownJobs {

    private final int capacity;
    // The id's UUID rather than the JobId: this set may hold hundreds of thousands.
    private final Set<UUID> known = new LinkedHashSet<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);

    KnownJobs(IngestApiSettings settings) {
        this.capacity = settings.catalogs().rememberedJobs();
    }

    public synchronized void remember(JobId job) {
        claim(job);
    }

    /**
     * Takes the job for the caller to queue, unless it is known already: of two requests for one job on this instance,
     * only one gets it. A caller that then fails to queue it {@linkplain #forget forgets} it.
     */
    public synchronized boolean claim(JobId job) {
        boolean claimed = known.add(job.value());
        if (claimed && known.size() > capacity) {
            known.remove(known.iterator().next());
        }
        return claimed;
    }

    /** A job that was announced but never queued may be made again. */
    public synchronized void forget(JobId job) {
        known.remove(job.value());
    }

    public synchronized boolean contains(JobId job) {
        return known.contains(job.value());
    }

    /** This instance has read every event that was retained when it started. */
    public void caughtUp() {
        caughtUp.countDown();
    }

    /** Whether this instance has read the retained events, waiting up to {@code timeout} for it. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
