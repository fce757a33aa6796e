package dev.imagepipeline.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.kafka.core.KafkaOperations;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;

/**
 * Publishes pipeline records keyed by their job id and waits for the broker's acknowledgement, so a listener that
 * publishes commits its input only after its output is safe.
 */
public final class PipelinePublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaOperations<Object, Object> kafka;

    PipelinePublisher(KafkaOperations<Object, Object> kafka) {
        this.kafka = kafka;
    }

    public void publish(JobEvent event) {
        send(Topics.JOB_EVENTS, event.jobId(), event);
    }

    public void send(String topic, JobId key, Object record) {
        try {
            kafka.send(topic, key.toString(), record).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException(topic, e);
        }
    }

    /** The broker did not acknowledge a record in time. */
    public static final class PublishFailedException extends RuntimeException {

        PublishFailedException(String topic, Exception cause) {
            super("Kafka did not acknowledge a record on " + topic, cause);
        }
    }
}
