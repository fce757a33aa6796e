package dev.imagepipeline.reliability;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Many clients of one SSE endpoint, each a connection of its own read by a virtual thread: opened a batch at a time,
 * each counted as open once the stream's {@code :watching} comment came. The test publishes one event at a time as a
 * {@link Probe}, and each client notes when that event reached it.
 */
final class SseSubscribers implements AutoCloseable {

    private final URI url;
    private final String apiKey;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<SseConnection> connections = new ConcurrentLinkedQueue<>();
    private final AtomicInteger watching = new AtomicInteger();
    private final AtomicInteger ended = new AtomicInteger();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final int capacity;
    private volatile @Nullable Probe probe;
    private int started;

    /** @param capacity the most clients it will ever open */
    SseSubscribers(URI url, String apiKey, int capacity) {
        this.url = url;
        this.apiKey = apiKey;
        this.capacity = capacity;
    }

    /** One event on its way to every client: which job and type it is, and when it was sent. */
    static final class Probe {

        private final String job;
        private final String type;
        private final long sentNanos;
        private final long[] delays;
        private final CountDownLatch received;

        private Probe(String job, String type, int clients, int listening) {
            this.job = job;
            this.type = type;
            this.delays = new long[clients];
            Arrays.fill(delays, -1);
            this.received = new CountDownLatch(listening);
            this.sentNanos = System.nanoTime();
        }

        private void arrived(int client, String name, String id, long nanoTime) {
            if (name.equals(type) && id.startsWith(job) && delays[client] < 0) {
                delays[client] = nanoTime - sentNanos;
                received.countDown();
            }
        }

        /** Waits until every client has it, or the time is up; returns the delays of those that got it, in ms. */
        List<Double> await(Duration within) throws InterruptedException {
            received.await(within.toMillis(), TimeUnit.MILLISECONDS);
            var arrived = new ArrayList<Double>();
            for (long delay : delays) {
                if (delay >= 0) {
                    arrived.add(delay / 1e6);
                }
            }
            return arrived;
        }
    }

    /**
     * Opens more streams, at most {@code atOnce} of them waiting for their {@code :watching} at a time.
     *
     * @return how many are watching in all, when all answered or the time was up
     */
    int open(int more, int atOnce, Duration within) throws InterruptedException {
        if (started + more > capacity) {
            throw new IllegalArgumentException("At most " + capacity + " clients");
        }
        var slots = new Semaphore(atOnce);
        var answered = new CountDownLatch(more);
        long deadline = System.nanoTime() + within.toNanos();
        int first = started;
        started += more;
        for (int client = first; client < first + more; client++) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            int index = client;
            readers.execute(() -> follow(index, slots, answered));
        }
        answered.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return watching.get();
    }

    private void follow(int index, Semaphore slot, CountDownLatch answered) {
        var connection = new SseConnection();
        connections.add(connection);
        boolean[] counted = {false};
        try (connection) {
            connection.open(url, apiKey);
            connection.read(new SseConnection.Listener() {
                @Override
                public void comment(String text) {
                    if (text.equals("watching") && !counted[0]) {
                        counted[0] = true;
                        watching.incrementAndGet();
                        slot.release();
                        answered.countDown();
                    }
                }

                @Override
                public void event(String name, String id, long nanoTime) {
                    var current = probe;
                    if (current != null) {
                        current.arrived(index, name, id, nanoTime);
                    }
                }
            });
        } catch (IOException | RuntimeException e) {
            if (counted[0]) {
                ended.incrementAndGet();
            } else {
                slot.release();
                answered.countDown();
            }
            if (failures.size() < 5) {
                failures.add(e.toString());
            }
        }
    }

    /** Expects the job's event of this type, as of now: call it right before sending the event. */
    Probe expect(String job, String type) {
        var next = new Probe(job, type, capacity, watching.get() - ended.get());
        probe = next;
        return next;
    }

    int watching() {
        return watching.get();
    }

    /** Streams that were open and then ended before the test closed them. */
    int ended() {
        return ended.get();
    }

    /** The first few reasons a stream did not open or ended. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        for (var connection : connections) {
            try {
                connection.close();
            } catch (IOException e) {
                // Closing is all that is left to do with it.
            }
        }
        readers.shutdownNow();
    }
}
