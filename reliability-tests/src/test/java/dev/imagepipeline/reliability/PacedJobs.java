package dev.imagepipeline.reliability;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Single jobs submitted through {@code POST /api/generate} at a steady pace, each in a request of its own that does
 * not wait for the one before; every accepted job remembered with the moment its request was sent.
 */
final class PacedJobs implements AutoCloseable {

    private final Client client;
    private final URI generate;
    private final String body;
    private final String run = UUID.randomUUID().toString();
    private final Map<String, Instant> sent = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    /** @param body the job, with {@code %d} for its number */
    PacedJobs(Client client, URI ingest, String body) {
        this.client = client;
        this.generate = ingest.resolve("/api/generate");
        this.body = body;
    }

    /**
     * Submits {@code count} jobs, one every {@code every}, and returns once each was answered or given up on.
     *
     * @return the jobs accepted in this call, by id, with when each request was sent
     */
    Map<String, Instant> submit(int count, Duration every, Duration within) throws InterruptedException {
        return submit(count, () -> every, within);
    }

    /**
     * Submits {@code count} jobs at random moments, {@code every} apart on average (a Poisson process, as independent
     * clients send them), and returns once each was answered or given up on.
     */
    Map<String, Instant> submitRandomly(int count, Duration every, Random random, Duration within)
            throws InterruptedException {
        return submit(count, () -> Duration.ofNanos((long) (-Math.log(1 - random.nextDouble()) * every.toNanos())),
                within);
    }

    private Map<String, Instant> submit(int count, Supplier<Duration> gaps, Duration within)
            throws InterruptedException {
        var answered = new CountDownLatch(count);
        var accepted = new ConcurrentHashMap<String, Instant>();
        long due = System.nanoTime();
        for (int job = 0; job < count; job++) {
            long early = due - System.nanoTime();
            if (early > 0) {
                // Pacing the requests, not waiting for a result.
                TimeUnit.NANOSECONDS.sleep(early);
            }
            senders.execute(() -> {
                try {
                    send(accepted);
                } finally {
                    answered.countDown();
                }
            });
            due += gaps.get().toNanos();
        }
        answered.await(within.toMillis(), TimeUnit.MILLISECONDS);
        return Map.copyOf(accepted);
    }

    private void send(Map<String, Instant> accepted) {
        int job = next.getAndIncrement();
        Instant at = Instant.now();
        client.submit(generate, "application/json", run + "-" + job, body.formatted(job), Duration.ofSeconds(30))
                .map(answer -> answer.get("id").asString())
                .ifPresentOrElse(id -> {
                    accepted.put(id, at);
                    sent.put(id, at);
                }, refused::incrementAndGet);
    }

    /** Every job accepted so far, with when its request was sent. */
    Map<String, Instant> sent() {
        return Map.copyOf(sent);
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
