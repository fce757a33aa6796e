package dev.imagepipeline.notifier.job;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.JobEvent;
import tools.jackson.databind.ObjectWriter;

/**
 * One event of a job as the view holds it, and its SSE frames, each made the first time a stream needs it: an event
 * that goes to ten thousand streams is serialised once, and one no stream reads, never.
 */
final class JobEntry {

    private final long offset;
    private final JobEvent event;
    // Made at most a few times over in a race, each time alike; a plain field would do as well but for the JMM.
    private volatile @Nullable String json;
    private volatile @Nullable SseFrame ofJob;
    private volatile @Nullable SseFrame live;

    /**
     * @param offset the record's offset on the completion topic: all events of a job share a partition, so offsets
     *        order them, and every notifier instance sees the same ones, which makes them resumable SSE ids
     */
    JobEntry(long offset, JobEvent event) {
        this.offset = offset;
        this.event = event;
    }

    long offset() {
        return offset;
    }

    JobEvent event() {
        return event;
    }

    /** The frame of the job's own stream: its id is the offset, to resume from. */
    SseFrame ofJob(ObjectWriter writer) {
        var frame = ofJob;
        if (frame == null) {
            frame = SseFrame.of(Long.toString(offset), JobEventNames.of(event), json(writer));
            ofJob = frame;
        }
        return frame;
    }

    /** The frame of a client's stream of many jobs: its id names the job too. */
    SseFrame live(ObjectWriter writer) {
        var frame = live;
        if (frame == null) {
            frame = SseFrame.of(event.jobId() + ":" + offset, JobEventNames.of(event), json(writer));
            live = frame;
        }
        return frame;
    }

    private String json(ObjectWriter writer) {
        var written = json;
        if (written == null) {
            written = writer.writeValueAsString(event);
            json = written;
        }
        return written;
    }
}
