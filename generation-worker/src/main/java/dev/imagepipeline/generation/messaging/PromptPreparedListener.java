package dev.imagepipeline.generation.messaging;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.generation.job.Generation;
import dev.imagepipeline.kafka.PipelinePublisher;

/**
 * Generates every prepared prompt, announces its progress on the completion topic, and publishes its end there before
 * the prompt counts as done.
 */
@Component
class PromptPreparedListener {

    private final Generation generation;
    private final PipelinePublisher publisher;

    PromptPreparedListener(Generation generation, PipelinePublisher publisher) {
        this.generation = generation;
        this.publisher = publisher;
    }

    @KafkaListener(id = "generation-worker.prompts", groupId = GenerationWorkerKafkaConfiguration.GROUP_ID, topics = {
            Topics.PROMPTS_INTERACTIVE,
            Topics.PROMPTS_BULK}, containerFactory = GenerationWorkerKafkaConfiguration.CONTAINER_FACTORY)
    void on(PromptPrepared event) {
        publisher.publish(generation.generate(event, publisher::announce));
    }
}
