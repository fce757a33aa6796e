package dev.imagepipeline.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaNull;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.converter.RecordMessageConverter;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.Topics;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Works through one poll of a batch listener (see {@link ListenerContainers#batchWorkerFactory}) and publishes what
 * its records' work produced without a broker round trip per record: every job event of the poll is sent, then waited
 * for at once, then every record for the next stage likewise. A poll of hundreds thus costs two round trips rather than
 * two per record, and the container commits it only after both. Job events still go before the work they announce, as
 * {@link PipelinePublisher} sends them one by one.
 * <p>
 * A record that cannot be read, or whose work refuses it or fails, ends the poll there: what the records before it
 * produced is published, and it is handed to the container's error handler, which commits the records before it,
 * retries or dead-letters it, and reads the rest again. A failed send does the same at the first record whose output
 * the broker did not take; records after it may then be published twice, which every reader tolerates.
 */
public final class PollPublisher {

    private final KafkaOperations<Object, Object> kafka;
    private final RecordMessageConverter converter;
    private final ObservationRegistry observations;

    /**
     * @param observations what each record's work and sends are observed in: a batch listener's container observes no
     *        record, so each record's trace is continued here, from its headers, and carried on to what it sends
     */
    PollPublisher(KafkaOperations<Object, Object> kafka, RecordMessageConverter converter,
            ObservationRegistry observations) {
        this.kafka = kafka;
        this.converter = converter;
        this.observations = observations;
    }

    /**
     * Runs {@code work} on each record of the poll, read as {@code type}, in order, then publishes what it gave the
     * outbox.
     *
     * @throws BatchListenerFailedException naming the first record that was not done
     */
    public <T> void process(List<? extends ConsumerRecord<?, ?>> poll, Class<T> type, Work<T> work) {
        var outbox = new Outbox();
        RuntimeException stopped = null;
        for (int index = 0; index < poll.size() && stopped == null; index++) {
            var record = poll.get(index);
            var observation = observe(record);
            outbox.index = index;
            outbox.observations.add(observation);
            try (var scope = observation.openScope()) {
                JobLogContext.enter(record);
                work.accept(read(record, type), outbox);
            } catch (RuntimeException e) {
                outbox.dropFrom(index);
                observation.error(e);
                stopped = new BatchListenerFailedException(describe(record, e), e, index);
            } finally {
                MDC.remove(JobLogContext.KEY);
            }
        }
        // Only records before the one that stopped the poll have output: a failed send is always earlier.
        int failed;
        try {
            failed = outbox.publish();
        } finally {
            outbox.observations.forEach(Observation::stop);
        }
        if (failed >= 0) {
            var failure = Objects.requireNonNull(outbox.failure);
            throw new BatchListenerFailedException(describe(poll.get(failed), failure), failure, failed);
        }
        if (stopped != null) {
            throw stopped;
        }
    }

    private Observation observe(ConsumerRecord<?, ?> record) {
        String group = String.valueOf(KafkaUtils.getConsumerGroupId());
        String listener = group + "." + record.topic();
        return KafkaListenerObservation.LISTENER_OBSERVATION
                .observation(null, KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                        () -> new KafkaRecordReceiverContext(record, listener, listener, group, () -> ""), observations)
                .start();
    }

    private <T> T read(ConsumerRecord<?, ?> record, Class<T> type) {
        Object payload;
        try {
            payload = converter.toMessage(record, null, null, type).getPayload();
        } catch (RuntimeException e) {
            // Unreadable now is unreadable on every delivery: refused, as the record listeners' conversion errors are.
            throw new IllegalArgumentException("The record could not be read as " + type.getSimpleName(), e);
        }
        if (payload instanceof KafkaNull || !type.isInstance(payload)) {
            throw new IllegalArgumentException("The record holds no " + type.getSimpleName());
        }
        return type.cast(payload);
    }

    private static String describe(ConsumerRecord<?, ?> record, Throwable failure) {
        return "Record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " failed: "
                + ListenerContainers.rootMessage(failure);
    }

    /** One record's work. */
    @FunctionalInterface
    public interface Work<T> {

        /** Does the work of one record, giving the outbox what it publishes. */
        void accept(T value, Outbox outbox);
    }

    /** What the records of a poll publish, sent once they are all worked through. */
    public final class Outbox {

        private static final long ACK_TIMEOUT_MS = 30_000;

        /** Each record's, by index: what its outputs are sent in. */
        private final List<Observation> observations = new ArrayList<>();
        private final List<Output> events = new ArrayList<>();
        private final List<Output> records = new ArrayList<>();
        private int index;
        // Of the first record whose output failed, once publish() says which.
        private @Nullable Throwable failure;

        private Outbox() {
        }

        /** A job event, published before any record the poll sends on. */
        public void publish(JobEvent event) {
            events.add(new Output(index, Topics.JOB_EVENTS, null, event.jobId().toString(), event));
        }

        /** A record keyed by its job id, as {@link PipelinePublisher#send(String, JobId, Object)}. */
        public void send(String topic, JobId key, Object record) {
            records.add(new Output(index, topic, null, key.toString(), record));
        }

        /** A record on its group's partition, as {@link PipelinePublisher#sendGrouped}. */
        public void sendGrouped(String topic, String group, @Nullable Integer given, JobId key, Object record) {
            int partition = PipelinePublisher.partitionOf(kafka, topic, group, given);
            records.add(new Output(index, topic, partition, key.toString(), record));
        }

        private void dropFrom(int first) {
            events.removeIf(output -> output.index >= first);
            records.removeIf(output -> output.index >= first);
        }

        /** @return the first record whose output the broker did not take, or -1 */
        private int publish() {
            int failed = sendAndWait(events);
            if (failed >= 0) {
                // The records before it still go on: the container commits them.
                records.removeIf(output -> output.index >= failed);
            }
            int failedLater = sendAndWait(records);
            return failedLater >= 0 ? failedLater : failed;
        }

        private int sendAndWait(List<Output> outputs) {
            var sent = new ArrayList<CompletableFuture<?>>(outputs.size());
            for (Output output : outputs) {
                try (var scope = observations.get(output.index).openScope()) {
                    sent.add(output.partition == null
                            ? kafka.send(output.topic, output.key, output.value)
                            : kafka.send(output.topic, output.partition, output.key, output.value));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ACK_TIMEOUT_MS);
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return failedAt(outputs.get(i), e);
                } catch (ExecutionException | TimeoutException e) {
                    return failedAt(outputs.get(i), e);
                }
            }
            return -1;
        }

        private int failedAt(Output output, Exception e) {
            failure = new PipelinePublisher.PublishFailedException(output.topic, e);
            return output.index;
        }
    }

    private record Output(int index, String topic, @Nullable Integer partition, String key, Object value) {
    }
}
