package dev.imagepipeline.notifier.job;

import dev.imagepipeline.contracts.JobEvent;

/**
 * One event of a job as the view holds it.
 *
 * @param offset the record's offset on the completion topic: all events of a job share a partition, so offsets order
 *        them, and every notifier instance sees the same ones, which makes them resumable SSE ids
 */
record JobEntry(long offset, JobEvent event) {
}
