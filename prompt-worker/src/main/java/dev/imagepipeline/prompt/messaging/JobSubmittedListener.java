package dev.imagepipeline.prompt.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.JobSubmitted;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.kafka.PipelinePublisher;
import dev.imagepipeline.prompt.job.PromptPreparation;

/** Prepares every submitted job and hands it to its generation lane. */
@Component
class JobSubmittedListener {

    private final PromptPreparation preparation;
    private final PipelinePublisher publisher;

    JobSubmittedListener(PromptPreparation preparation, PipelinePublisher publisher) {
        this.preparation = preparation;
        this.publisher = publisher;
    }

    @KafkaListener(id = "prompt-worker.requests", groupId = PromptWorkerKafkaConfiguration.GROUP_ID, topics = Topics.REQUESTS, containerFactory = PromptWorkerKafkaConfiguration.CONTAINER_FACTORY)
    void on(JobSubmitted event) {
        var prepared = preparation.prepare(event);
        // Job events first: if the lane send then fails, the redelivery repeats an event the view already
        // tolerates, rather than queueing the generation twice.
        publisher.publish(prepared);
        publisher.send(Topics.prompts(prepared.lane()), prepared.jobId(), prepared);
    }
}
