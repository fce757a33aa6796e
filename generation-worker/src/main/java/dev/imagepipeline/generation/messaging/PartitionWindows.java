package dev.imagepipeline.generation.messaging;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.support.Acknowledgment;

import dev.imagepipeline.kafka.RecoveredRecordListener;

/**
 * The prompt records this worker holds, by partition, from the moment they are read until their job is done. A
 * partition whose jobs not yet done reach its limit is paused, so the rest of a catalog waits on the topic rather than
 * in memory, and resumes as soon as one of them ends: no more is read than can wait for a provider's turn. A record is
 * committed once it and every record before it on its partition are done, so jobs may end in any order (a slow one
 * holds back commits, not reading) and a crash loses none. A record dead-lettered counts as done in its turn, so it is
 * committed too, and not read again after a restart.
 */
final class PartitionWindows implements ConsumerAwareRebalanceListener, RecoveredRecordListener {

    private static final Logger log = LoggerFactory.getLogger(PartitionWindows.class);

    private final Map<TopicPartition, Window> windows = new ConcurrentHashMap<>();
    private final ToIntFunction<String> limits;
    private final Valve valve;

    /** @param limits how many records a partition of each topic may hold */
    PartitionWindows(ToIntFunction<String> limits, Valve valve) {
        this.limits = limits;
        this.valve = valve;
    }

    /** Holds a record just read; its partition is paused once its jobs not yet done reach its limit. */
    Held hold(TopicPartition partition, long offset, Acknowledgment ack) {
        return windows.computeIfAbsent(partition, this::window).hold(offset, ack);
    }

    /** The record's job is done: commits its partition up to the first record still held, and resumes it. */
    void done(Held held) {
        held.window.done(held);
    }

    /** Jobs not yet done across all partitions: the bound on the records in memory. */
    int held() {
        return windows.values().stream().mapToInt(Window::size).sum();
    }

    /**
     * The record was dead-lettered before its job could be held: done, in its turn. No acknowledgment exists for it, so
     * when nothing before it is held it is committed here, on the consumer's thread; otherwise the window owes its
     * commit once the records before it are done, and pays it the next time the consumer calls on it.
     */
    @Override
    public void onRecovered(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer) {
        var partition = new TopicPartition(record.topic(), record.partition());
        var window = windows.computeIfAbsent(partition, this::window);
        window.recovered(record.offset()).ifPresent(next -> commit(consumer, partition, next));
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> close(windows.put(partition, window(partition))));
    }

    /** Also heard when partitions are lost. The jobs still running go on, but commit nothing: the new owner runs them. */
    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            var window = windows.remove(partition);
            if (window != null) {
                window.close().ifPresent(next -> commit(consumer, partition, next));
            }
        });
    }

    private Window window(TopicPartition partition) {
        return new Window(partition, limits.applyAsInt(partition.topic()), valve);
    }

    private static void close(@Nullable Window window) {
        if (window != null) {
            window.close();
        }
    }

    /** Not waited for, like the lanes' other commits: a later commit of the partition covers one that failed. */
    private static void commit(Consumer<?, ?> consumer, TopicPartition partition, long next) {
        consumer.commitAsync(Map.of(partition, new OffsetAndMetadata(next)), (offsets, failure) -> {
            if (failure != null) {
                log.warn("Could not commit {} past a dead-lettered record: {}", offsets, failure.getMessage());
            }
        });
    }

    /** Pauses and resumes reading one partition. */
    interface Valve {

        void pause(TopicPartition partition);

        void resume(TopicPartition partition);
    }

    /** A record held, until its job is done. */
    static final class Held {

        private final Window window;
        private final long offset;
        /** None for a record dead-lettered: its commit is owed by the window instead. */
        private final @Nullable Acknowledgment ack;
        private boolean done;

        private Held(Window window, long offset, @Nullable Acknowledgment ack) {
            this.window = window;
            this.offset = offset;
            this.ack = ack;
        }

        @Override
        public String toString() {
            return window.partition + "@" + offset;
        }
    }

    private static final class Window {

        private final TopicPartition partition;
        private final int limit;
        private final Valve valve;
        /** In offset order, until committed: done ones stay while a record before them is not. */
        private final ArrayDeque<Held> records = new ArrayDeque<>();
        private int pending;
        private boolean paused;
        private boolean closed;
        /** The offset to commit for a dead-lettered record, once the consumer calls; none when a later commit covers it. */
        private OptionalLong owed = OptionalLong.empty();

        Window(TopicPartition partition, int limit, Valve valve) {
            this.partition = partition;
            this.limit = limit;
            this.valve = valve;
        }

        /** @return the offset to commit now, on the consumer's thread */
        synchronized OptionalLong recovered(long offset) {
            var held = new Held(this, offset, null);
            held.done = true;
            records.add(held);
            drain();
            return payOwed();
        }

        synchronized Held hold(long offset, Acknowledgment ack) {
            var held = new Held(this, offset, ack);
            records.add(held);
            pending++;
            if (pending >= limit && !paused) {
                paused = true;
                valve.pause(partition);
            }
            return held;
        }

        synchronized void done(Held held) {
            held.done = true;
            if (closed) {
                return;
            }
            pending--;
            drain();
            if (paused && pending < limit) {
                paused = false;
                valve.resume(partition);
            }
        }

        /** Commits the records done up to the first one still held. */
        private void drain() {
            Held last = null;
            Acknowledgment ack = null;
            while (!records.isEmpty() && records.peek().done) {
                last = records.poll();
                ack = last.ack != null ? last.ack : ack;
            }
            if (ack != null) {
                // Committing a record commits every record before it on the partition.
                acknowledge(ack);
            }
            if (last != null) {
                owed = last.ack == null ? OptionalLong.of(last.offset + 1) : OptionalLong.empty();
            }
        }

        private OptionalLong payOwed() {
            var next = owed;
            owed = OptionalLong.empty();
            return next;
        }

        /**
         * Spring hands a commit to the consumer through an interruptible queue: a cancellation's interrupt that reaches a
         * job as it ends must not lose its commit.
         */
        private static void acknowledge(Acknowledgment ack) {
            while (true) {
                try {
                    ack.acknowledge();
                    return;
                } catch (KafkaException e) {
                    if (!(e.getCause() instanceof InterruptedException) || !Thread.interrupted()) {
                        throw e;
                    }
                }
            }
        }

        /** @return the commit owed for a dead-lettered record, for the consumer to pay before it lets the partition go */
        synchronized OptionalLong close() {
            closed = true;
            records.clear();
            pending = 0;
            if (paused) {
                // A pause outlives the assignment; the next owner of the partition here must find it reading.
                paused = false;
                valve.resume(partition);
            }
            return payOwed();
        }

        synchronized int size() {
            return pending;
        }
    }
}
