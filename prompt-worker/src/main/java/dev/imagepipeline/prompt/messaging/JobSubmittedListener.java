package dev.imagepipeline.prompt.messaging;

import java.time.Clock;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobCanceled;
import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.kafka.Cancellations;
import dev.imagepipeline.kafka.PollPublisher;
import dev.imagepipeline.prompt.job.PromptPreparation;

/**
 * Prepares every submitted job and hands it to its generation lane. A job canceled while it waited is skipped: the
 * cancellation already ended it on the completion topic. A job of a canceled catalog is skipped too, and ended here,
 * since a catalog's cancellation names none of its jobs. The jobs of one catalog share a partition of the bulk lane.
 * Catalogs' requests come on a topic of their own, read by consumers of their own, so that a catalog being prepared
 * never holds a single job behind it.
 */
@Component
class JobSubmittedListener {

    private static final Logger log = LoggerFactory.getLogger(JobSubmittedListener.class);

    private final PromptPreparation preparation;
    private final PollPublisher publisher;
    private final Cancellations cancellations;
    private final Clock clock;

    JobSubmittedListener(PromptPreparation preparation, PollPublisher publisher, Cancellations cancellations,
            Clock clock) {
        this.clock = clock;
        this.preparation = preparation;
        this.publisher = publisher;
        this.cancellations = cancellations;
    }

    /**
     * Takes a whole poll: a catalog's requests come by the hundred, and waiting for two acknowledgements per job, one
     * job after the other, held a catalog to the broker's round trips.
     */
    @KafkaListener(id = "prompt-worker.requests", groupId = PromptWorkerKafkaConfiguration.GROUP_ID, topics = Topics.REQUESTS, containerFactory = PromptWorkerKafkaConfiguration.CONTAINER_FACTORY)
    @KafkaListener(id = "prompt-worker.bulk-requests", groupId = PromptWorkerKafkaConfiguration.GROUP_ID, topics = Topics.REQUESTS_BULK, containerFactory = PromptWorkerKafkaConfiguration.CONTAINER_FACTORY)
    void on(List<ConsumerRecord<String, byte[]>> poll) {
        publisher.process(poll, JobSubmitted.class, this::prepare);
    }

    private void prepare(JobSubmitted event, PollPublisher.Outbox outbox) {
        if (cancellations.canceled(event.jobId())) {
            log.info("Skipped job {}: it was canceled", event.jobId());
            return;
        }
        if (cancellations.canceledWithCatalog(event.catalog())) {
            outbox.publish(new JobCanceled(event.jobId(), clock.instant(), JobCanceled.WITH_CATALOG));
            return;
        }
        var prepared = preparation.prepare(event);
        log.debug("Prepared the prompt of job {} for {} on the {} lane", event.jobId(), prepared.provider(),
                prepared.lane());
        // The outbox publishes job events first: if the lane send then fails, the redelivery repeats an event the
        // view already tolerates, rather than queueing the generation twice.
        outbox.publish(prepared);
        String lane = Topics.prompts(prepared.lane());
        var item = prepared.catalog();
        if (item != null) {
            outbox.sendGrouped(lane, item.catalogId().toString(), item.bulkPartition(), prepared.jobId(), prepared);
        } else {
            outbox.send(lane, prepared.jobId(), prepared);
        }
    }
}
