package dev.imagepipeline.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;

/**
 * Publishes pipeline records keyed by their job id and waits for the broker's acknowledgement, so a listener that
 * publishes commits its input only after its output is safe.
 */
public final class PipelinePublisher {

    private static final Logger log = LoggerFactory.getLogger(PipelinePublisher.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaOperations<Object, Object> kafka;

    PipelinePublisher(KafkaOperations<Object, Object> kafka) {
        this.kafka = kafka;
    }

    public void publish(JobEvent event) {
        send(Topics.JOB_EVENTS, event.jobId(), event);
    }

    /**
     * Publishes an advisory event, such as progress, without waiting: losing one costs a client a progress tick, while
     * failing the job's work over it would cost the job.
     */
    public void announce(JobEvent event) {
        try {
            kafka.send(Topics.JOB_EVENTS, event.jobId().toString(), event).whenComplete((result, failure) -> {
                if (failure != null) {
                    notAnnounced(event, failure);
                }
            });
        } catch (RuntimeException e) {
            notAnnounced(event, e);
        }
    }

    private static void notAnnounced(JobEvent event, Throwable failure) {
        log.warn("Could not announce {} of job {}: {}", event.getClass().getSimpleName(), event.jobId(),
                failure.getMessage());
    }

    public void send(String topic, JobId key, Object record) {
        send(topic, key.toString(), record);
    }

    /**
     * Publishes a job's record, keyed by its job id, onto the partition {@code group} hashes to, and waits for it: the
     * records of one group (the jobs of one catalog) then share a partition, so a reader with a consumer per partition
     * serves groups side by side instead of one after the other.
     */
    public void sendGrouped(String topic, String group, JobId key, Object record) {
        sendGrouped(topic, group, null, key, record);
    }

    /**
     * As {@link #sendGrouped(String, String, JobId, Object)}, onto the partition the group was given when it names one
     * the topic has.
     */
    public void sendGrouped(String topic, String group, @Nullable Integer given, JobId key, Object record) {
        await(topic, kafka.send(topic, partitionOf(kafka, topic, group, given), key.toString(), record));
    }

    /** The partition a group's records go to: the one it was given when the topic has it, else its hash's. */
    static int partitionOf(KafkaOperations<?, ?> kafka, String topic, String group, @Nullable Integer given) {
        int partitions = kafka.partitionsFor(topic).size();
        return given != null && given < partitions
                ? given
                : Utils.toPositive(Utils.murmur2(group.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Publishes many records at once, each keyed by its job id, and waits for them all: one round trip to the broker
     * for the lot rather than one per record. Their order across partitions is not kept.
     */
    public <T> void sendAll(String topic, List<T> records, Function<T, JobId> key) {
        var sent = new ArrayList<CompletableFuture<?>>(records.size());
        for (T record : records) {
            sent.add(kafka.send(topic, key.apply(record).toString(), record));
        }
        await(topic, CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));
    }

    /** Publishes a record under a key other than a job id, such as a catalog id, and waits for it. */
    public void send(String topic, String key, Object record) {
        await(topic, kafka.send(topic, key, record));
    }

    private static void await(String topic, CompletableFuture<?> sent) {
        try {
            sent.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException(topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException(topic, e);
        }
    }

    /** The broker did not acknowledge a record in time. */
    public static final class PublishFailedException extends RuntimeException {

        public PublishFailedException(String topic, Exception cause) {
            super("Kafka did not acknowledge a record on " + topic, cause);
        }
    }
}
