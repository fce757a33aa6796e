package dev.imagepipeline.notifier.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.contracts.CatalogItem;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.web.job.JobResult;

/**
 * Everything the view knows of one job: its events in topic order. Only moves forward: a duplicate, a redelivered or
 * a late event changes nothing, and nothing follows the first terminal event.
 */
final class JobRecord {

    private final JobId id;
    private final List<JobEntry> entries = new ArrayList<>();
    private @Nullable String client;
    private @Nullable CatalogId catalog;

    JobRecord(JobId id) {
        this.id = id;
    }

    /** Returns the entry when it changed the job, or {@code null} when it was a duplicate or came too late. */
    @Nullable
    JobEntry add(long offset, JobEvent event) {
        if (!entries.isEmpty()) {
            JobEntry last = entries.getLast();
            boolean seen = offset <= last.offset()
                    || entries.stream().map(JobEntry::event).anyMatch(e -> e.equals(event) || sameStep(e, event));
            if (seen || last.event().terminal()) {
                return null;
            }
        }
        var entry = new JobEntry(offset, event);
        entries.add(entry);
        switch (event) {
            case JobAccepted accepted -> learn(accepted.client(), accepted.catalog());
            case PromptPrepared prepared -> learn(prepared.client(), prepared.catalog());
            default -> {
            }
        }
        return entry;
    }

    /**
     * Acceptance, prompt and submission happen once per job; a second one is a redelivery (re-stamped with a new
     * time) or a retry, and the first stands.
     */
    private static boolean sameStep(JobEvent seen, JobEvent event) {
        boolean onceOnly = event instanceof JobAccepted || event instanceof PromptPrepared
                || event instanceof GenerationSubmitted;
        return onceOnly && seen.getClass() == event.getClass();
    }

    JobId id() {
        return id;
    }

    private void learn(@Nullable String named, @Nullable CatalogItem item) {
        client = client == null ? named : client;
        catalog = catalog == null && item != null ? item.catalogId() : catalog;
    }

    /** The catalog the job was made for, if any. */
    @Nullable
    CatalogId catalog() {
        return catalog;
    }

    /** The API client whose job it is, as its {@code accepted} or {@code prompt_prepared} event names it. */
    @Nullable
    String client() {
        return client;
    }

    List<JobEntry> entriesAfter(long offset) {
        return entries.stream().filter(entry -> entry.offset() > offset).toList();
    }

    boolean finished() {
        return !entries.isEmpty() && entries.getLast().event().terminal();
    }

    Instant lastUpdate() {
        return entries.getLast().event().at();
    }

    JobResult result() {
        return JobResult.of(id, entries.stream().map(JobEntry::event).toList());
    }
}
