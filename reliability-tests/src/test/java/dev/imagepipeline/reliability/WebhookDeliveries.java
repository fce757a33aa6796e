package dev.imagepipeline.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts webhooks to webhook-receiver as Replicate does: signed, and retried with back-off while the receiver fails
 * or cannot be reached, for up to {@link #RETRY_FOR}. The webhook's own host is a public name; the delivery goes to
 * the receiver's local port with the webhook's path and query.
 */
final class WebhookDeliveries implements AutoCloseable {

    static final Duration RETRY_FOR = Duration.ofMinutes(3);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(8);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final String secret;
    private volatile URI receiver = URI.create("http://127.0.0.1:1");
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger abandoned = new AtomicInteger();

    WebhookDeliveries(String secret) {
        this.secret = secret;
    }

    /** Where webhook-receiver listens, once it does. */
    void receiver(URI receiver) {
        this.receiver = receiver;
    }

    /** Posts the body to the webhook after the delay, under the delivery id given. */
    void send(URI webhook, String deliveryId, byte[] body, Duration delay) {
        pending.incrementAndGet();
        var delivery = new Delivery(webhook, deliveryId, body, Instant.now().plus(delay).plus(RETRY_FOR));
        schedule(() -> attempt(delivery, FIRST_RETRY), delay);
    }

    private void attempt(Delivery delivery, Duration backOff) {
        int status = post(delivery);
        if (status >= 200 && status < 300) {
            delivered.incrementAndGet();
            pending.decrementAndGet();
        } else if (status >= 400 && status < 500 && status != 429) {
            // Replicate stops on a refusal too; the suite counts it, as none is expected.
            refused.incrementAndGet();
            pending.decrementAndGet();
        } else if (Instant.now().isAfter(delivery.giveUpAt())) {
            abandoned.incrementAndGet();
            pending.decrementAndGet();
        } else {
            retried.incrementAndGet();
            var next = backOff.multipliedBy(2);
            schedule(() -> attempt(delivery, next.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : next), backOff);
        }
    }

    /** @return the receiver's status, or 0 when it could not be reached */
    private int post(Delivery delivery) {
        long timestamp = Instant.now().getEpochSecond();
        var request = HttpRequest.newBuilder(target(delivery.webhook()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("webhook-id", delivery.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature",
                        StandardWebhooks.signature(secret, delivery.id(), timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private URI target(URI webhook) {
        return URI.create(
                receiver + webhook.getRawPath() + (webhook.getRawQuery() == null ? "" : "?" + webhook.getRawQuery()));
    }

    private void schedule(Runnable task, Duration delay) {
        timer.schedule(() -> senders.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Deliveries not yet delivered, refused or abandoned. */
    int pending() {
        return pending.get();
    }

    int delivered() {
        return delivered.get();
    }

    int retried() {
        return retried.get();
    }

    int refused() {
        return refused.get();
    }

    int abandoned() {
        return abandoned.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        senders.shutdownNow();
    }

    private record Delivery(URI webhook, String id, byte[] body, Instant giveUpAt) {
    }
}
