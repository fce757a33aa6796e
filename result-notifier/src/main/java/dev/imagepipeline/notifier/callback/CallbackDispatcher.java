package dev.imagepipeline.notifier.callback;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imagepipeline.notifier.callback.Outcome.Delivered;
import dev.imagepipeline.notifier.callback.Outcome.Final;
import dev.imagepipeline.notifier.callback.Outcome.Retryable;

/**
 * Runs deliveries off the consumer's thread: at most {@code concurrency} attempts at a time on virtual threads, retries
 * waiting on a timer rather than on a thread, and at most {@code maxPending} deliveries held at once. Each attempt is
 * signed afresh, since receivers reject old timestamps, under the delivery's unchanging id.
 */
final class CallbackDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final CallbackSender sender;
    private final WebhookSigner signer;
    private final RetryPolicy retries;
    private final Clock clock;
    private final int maxPending;
    private final AtomicInteger pending = new AtomicInteger();
    private final ExecutorService attempts;
    private final ScheduledExecutorService timer;

    CallbackDispatcher(CallbackSender sender, WebhookSigner signer, RetryPolicy retries, int concurrency,
            int maxPending, Clock clock) {
        this.sender = sender;
        this.signer = signer;
        this.retries = retries;
        this.clock = clock;
        this.maxPending = maxPending;
        this.attempts = Executors.newFixedThreadPool(concurrency, Thread.ofVirtual().name("callback-", 0).factory());
        this.timer = Executors
                .newSingleThreadScheduledExecutor(Thread.ofPlatform().name("callback-retries").daemon().factory());
    }

    /** Queues a delivery's first attempt; false, and nothing queued, when {@code maxPending} are held already. */
    boolean dispatch(Delivery delivery) {
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return false;
        }
        run(delivery);
        return true;
    }

    /** Deliveries queued, in flight or waiting for a retry. */
    int pending() {
        return pending.get();
    }

    private void run(Delivery delivery) {
        try {
            attempts.execute(() -> attempt(delivery));
        } catch (RejectedExecutionException shuttingDown) {
            pending.decrementAndGet();
        }
    }

    private void attempt(Delivery delivery) {
        try {
            long timestamp = clock.instant().getEpochSecond();
            var headers = Map.of("webhook-id", delivery.id(), "webhook-timestamp", Long.toString(timestamp),
                    "webhook-signature",
                    signer.signature(delivery.client(), delivery.id(), timestamp, delivery.body()));
            switch (sender.post(delivery.url(), headers, delivery.body())) {
                case Delivered(int status) -> finish(delivery, status);
                case Final(String reason) -> giveUp(delivery, reason);
                case Retryable(String reason, var retryAfter) -> retries
                        .pauseAfter(delivery.attempt(), retryAfter, delivery.deadline())
                        .ifPresentOrElse(pause -> retry(delivery, reason, pause),
                                () -> giveUp(delivery, reason + ", and the next attempt would be past the deadline"));
            }
        } catch (RuntimeException e) {
            giveUp(delivery, e.toString());
        }
    }

    private void retry(Delivery delivery, String reason, Duration pause) {
        log.debug("Callback {} failed ({}); attempt {} in {}", delivery, reason, delivery.attempt() + 1, pause);
        try {
            timer.schedule(() -> run(delivery.next()), pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            pending.decrementAndGet();
        }
    }

    private void finish(Delivery delivery, int status) {
        pending.decrementAndGet();
        log.debug("Callback {} delivered: HTTP {}", delivery, status);
    }

    private void giveUp(Delivery delivery, String reason) {
        pending.decrementAndGet();
        log.warn("Callback {} given up: {}", delivery, reason);
    }

    /**
     * Stops taking deliveries, lets queued attempts run for a few seconds, and drops the rest and every retry still
     * waiting: they live in memory only, and their records are committed already.
     */
    @Override
    public void close() throws Exception {
        int dropped = timer.shutdownNow().size();
        attempts.shutdown();
        if (!attempts.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            dropped += attempts.shutdownNow().size();
        }
        if (dropped > 0) {
            log.warn("{} callback deliveries still waiting for an attempt were dropped at shutdown", dropped);
        }
        sender.close();
    }
}
