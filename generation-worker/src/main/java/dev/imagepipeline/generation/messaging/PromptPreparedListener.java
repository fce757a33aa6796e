package dev.imagepipeline.generation.messaging;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.CancelRequested;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.generation.job.Generation;
import dev.imagepipeline.kafka.Cancellations;
import dev.imagepipeline.kafka.PipelinePublisher;

/**
 * Generates every prepared prompt, interactive or bulk, off the consumer's thread: a provider may take minutes, and a
 * consumer that stops polling that long is thrown out of its group. The returned future makes the container commit
 * the record when its job is done, and pause the consumer (still polling) until the poll's jobs are all done, so at
 * most {@code max-in-flight} jobs run per listener thread. A canceled job is skipped, or interrupted when it runs: its
 * cancellation already ended it on the completion topic, so nothing more is published for it.
 */
@Component
class PromptPreparedListener implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PromptPreparedListener.class);

    private final Generation generation;
    private final PipelinePublisher publisher;
    private final Cancellations cancellations;
    private final Map<JobId, Thread> running = new ConcurrentHashMap<>();
    private final ExecutorService jobs = Executors
            .newThreadPerTaskExecutor(Thread.ofVirtual().name("generation-", 0).factory());

    PromptPreparedListener(Generation generation, PipelinePublisher publisher, Cancellations cancellations) {
        this.generation = generation;
        this.publisher = publisher;
        this.cancellations = cancellations;
        cancellations.onCancel(this::interrupt);
    }

    @KafkaListener(id = "generation-worker.prompts", groupId = GenerationWorkerKafkaConfiguration.GROUP_ID, topics = {
            Topics.PROMPTS_INTERACTIVE,
            Topics.PROMPTS_BULK}, containerFactory = GenerationWorkerKafkaConfiguration.CONTAINER_FACTORY)
    CompletableFuture<Void> on(PromptPrepared event) {
        if (cancellations.canceled(event.jobId())) {
            log.info("Skipped job {}: it was canceled", event.jobId());
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> run(event), jobs);
    }

    private void run(PromptPrepared event) {
        JobId job = event.jobId();
        running.put(job, Thread.currentThread());
        try {
            var outcome = generation.generate(event, publisher::announce);
            if (cancellations.canceled(job)) {
                log.info("Job {} was canceled while it ran; its {} is not published", job,
                        outcome.getClass().getSimpleName());
            } else {
                publisher.publish(outcome);
            }
        } finally {
            running.remove(job);
            // A cancellation that came as the job ended must not reach the next job this thread runs.
            Thread.interrupted();
        }
    }

    private void interrupt(CancelRequested request) {
        if (request.jobId() == null) {
            // A canceled catalog stops only what has not started.
            return;
        }
        var thread = running.get(request.jobId());
        if (thread != null) {
            log.info("Interrupting job {}: it was canceled", request.jobId());
            thread.interrupt();
        }
    }

    /** Lets the jobs in flight finish and publish before the producer goes away. */
    @Override
    public void destroy() {
        jobs.close();
    }
}
