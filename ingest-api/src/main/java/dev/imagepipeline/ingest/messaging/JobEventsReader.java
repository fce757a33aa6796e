package dev.imagepipeline.ingest.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobAccepted;
import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.ingest.budget.Ledger;
import dev.imagepipeline.ingest.job.KnownJobs;
import dev.imagepipeline.ingest.job.JobWaits;

/**
 * Reads the completion topic from its earliest retained record, as a group of this instance's own that never
 * commits, to learn which jobs exist, what each client's jobs cost this month ({@link Ledger}), and to tell the
 * submitters who wait how their jobs end. {@link KnownJobs} hears once it has read as far as the topic reached when
 * its partitions were assigned: from then on, a job accepted anywhere is known here within one broker round trip.
 */
@Component
class JobEventsReader {

    private final KnownJobs known;
    private final JobWaits waits;
    private final Ledger ledger;

    JobEventsReader(KnownJobs known, JobWaits waits, Ledger ledger) {
        this.known = known;
        this.waits = waits;
        this.ledger = ledger;
    }

    @KafkaListener(id = "ingest-api.job-events", groupId = IngestApiKafkaConfiguration.GROUP_PREFIX
            + "#{T(java.util.UUID).randomUUID()}", topics = Topics.JOB_EVENTS, containerFactory = IngestApiKafkaConfiguration.CONTAINER_FACTORY)
    void on(JobEvent event) {
        switch (event) {
            case JobAccepted accepted -> {
                known.remember(accepted.jobId());
                ledger.accepted(accepted);
            }
            case PromptPrepared prepared -> known.remember(prepared.jobId());
            case GenerationSucceeded succeeded -> ledger.succeeded(succeeded);
            case GenerationFailed failed -> {
                if (KafkaJobQueue.NOT_QUEUED.equals(failed.reason())) {
                    known.forget(failed.jobId());
                }
                ledger.ended(failed.jobId());
            }
            case JobCanceled canceled -> ledger.ended(canceled.jobId());
            default -> {
            }
        }
        waits.apply(event);
    }
}
