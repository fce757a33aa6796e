package dev.imagepipeline.generation.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.generation.job.SubmittedRuns;

/**
 * Reads the completion topic from its earliest retained record, as a group of this instance's own that never commits,
 * to learn which jobs were submitted to a provider and which of those runs ended: whichever instance ends up holding
 * the job's prompt or reading its callbacks must know.
 */
@Component
class SubmittedRunsReader {

    private final SubmittedRuns runs;

    SubmittedRunsReader(SubmittedRuns runs) {
        this.runs = runs;
    }

    @KafkaListener(id = GenerationWorkerKafkaConfiguration.EVENTS_LISTENER, groupId = GenerationWorkerKafkaConfiguration.EVENTS_GROUP_PREFIX
            + "#{T(java.util.UUID).randomUUID()}", topics = Topics.JOB_EVENTS, containerFactory = GenerationWorkerKafkaConfiguration.EVENTS_CONTAINER_FACTORY)
    void on(JobEvent event, ConsumerRecord<?, ?> record) {
        Header trace = record.headers().lastHeader(JobTrace.HEADER);
        runs.read(event, trace == null ? null : new String(trace.value(), StandardCharsets.US_ASCII));
    }
}
