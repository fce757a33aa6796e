package dev.imagepipeline.generation.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.generation.job.Completion;
import dev.imagepipeline.kafka.PipelinePublisher;

/**
 * Finishes submitted jobs from the provider callbacks webhook-receiver relays. Copying a run's images takes seconds,
 * so, as for prompts, it happens off the consumer's thread and the record is committed once the job's outcome is
 * published.
 */
@Component
class ProviderCallbackListener implements DisposableBean {

    private final Completion completion;
    private final PipelinePublisher publisher;
    private final ExecutorService jobs = Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("callback-", 0).factory());

    ProviderCallbackListener(Completion completion, PipelinePublisher publisher) {
        this.completion = completion;
        this.publisher = publisher;
    }

    @KafkaListener(id = GenerationWorkerKafkaConfiguration.CALLBACKS_LISTENER, groupId = GenerationWorkerKafkaConfiguration.GROUP_ID, topics = Topics.PROVIDER_CALLBACKS, containerFactory = GenerationWorkerKafkaConfiguration.CONTAINER_FACTORY)
    CompletableFuture<Void> on(ProviderCallback callback) {
        return CompletableFuture.runAsync(() -> completion.complete(callback, publisher::announce, publisher::publish),
                jobs);
    }

    /** Lets the callbacks in flight finish and publish before the producer goes away. */
    @Override
    public void destroy() {
        jobs.close();
    }
}
