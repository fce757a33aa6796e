package dev.imagepipeline.notifier.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;

/**
 * Everything the view knows of one job: its events in topic order. Only moves forward: a duplicate, a redelivered or
 * a late event changes nothing, and nothing follows the first terminal event.
 */
final class JobRecord {

    private final JobId id;
    private final List<JobEntry> entries = new ArrayList<>();

    JobRecord(JobId id) {
        this.id = id;
    }

    /** Returns the entry when it changed the job, or {@code null} when it was a duplicate or came too late. */
    JobEntry add(long offset, JobEvent event) {
        if (!entries.isEmpty()) {
            JobEntry last = entries.getLast();
            boolean seen = offset <= last.offset() || entries.stream().anyMatch(e -> e.event().equals(event));
            if (seen || last.event().terminal()) {
                return null;
            }
        }
        var entry = new JobEntry(offset, event);
        entries.add(entry);
        return entry;
    }

    JobId id() {
        return id;
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
