package dev.imagepipeline.notifier.callback;

import java.time.Instant;

import dev.imagepipeline.contracts.JobId;

/**
 * Where and when an event was published on the completion topic, and its JSON exactly as published.
 *
 * @param publishedAt the record's timestamp: a callback is tried until {@code retry-for} after it
 */
public record PublishedEvent(int partition, long offset, Instant publishedAt, byte[] json) {

    /** The {@code webhook-id}: the same for every attempt and every instance that might deliver this record. */
    String webhookId(JobId job) {
        return "msg_" + job + "_" + partition + "-" + offset;
    }

    @Override
    public String toString() {
        return "PublishedEvent[partition=" + partition + ", offset=" + offset + ", publishedAt=" + publishedAt + "]";
    }
}
