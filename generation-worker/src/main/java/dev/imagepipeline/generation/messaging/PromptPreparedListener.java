package dev.imagepipeline.generation.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.generation.job.Generation;
import dev.imagepipeline.kafka.PipelinePublisher;

/**
 * Generates every prepared prompt, interactive or bulk, off the consumer's thread: a provider may take minutes, and a
 * consumer that stops polling that long is thrown out of its group. The returned future makes the container commit
 * the record when its job is done, and pause the consumer (still polling) until the poll's jobs are all done, so at
 * most {@code max-in-flight} jobs run per listener thread.
 */
@Component
class PromptPreparedListener implements DisposableBean {

    private final Generation generation;
    private final PipelinePublisher publisher;
    private final ExecutorService jobs = Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("generation-", 0).factory());

    PromptPreparedListener(Generation generation, PipelinePublisher publisher) {
        this.generation = generation;
        this.publisher = publisher;
    }

    @KafkaListener(id = "generation-worker.prompts", groupId = GenerationWorkerKafkaConfiguration.GROUP_ID, topics = {
            Topics.PROMPTS_INTERACTIVE,
            Topics.PROMPTS_BULK}, containerFactory = GenerationWorkerKafkaConfiguration.CONTAINER_FACTORY)
    CompletableFuture<Void> on(PromptPrepared event) {
        return CompletableFuture.runAsync(() -> publisher.publish(generation.generate(event, publisher::announce)),
                jobs);
    }

    /** Lets the jobs in flight finish and publish before the producer goes away. */
    @Override
    public void destroy() {
        jobs.close();
    }
}
