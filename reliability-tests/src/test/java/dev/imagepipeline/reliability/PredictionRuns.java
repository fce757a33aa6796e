package dev.imagepipeline.reliability;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs each stub prediction's course: it starts within a moment, and succeeds a moment later unless its fate is never
 * to end (or, for a benchmark, starts at once and takes the time its script gives), calling back as it goes, as its
 * fate says; Replicate itself cancels it once its {@code Cancel-After} has passed.
 */
final class PredictionRuns implements AutoCloseable {

    static final String FILES = "/files/";
    private static final Pattern CANCEL_AFTER = Pattern.compile("(\\d+)([smh]?)");

    private final WebhookDeliveries webhooks;
    private final ProviderScript script;
    private final JsonMapper json;
    private final URI baseUrl;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger expired = new AtomicInteger();

    PredictionRuns(WebhookDeliveries webhooks, ProviderScript script, JsonMapper json, URI baseUrl) {
        this.webhooks = webhooks;
        this.script = script;
        this.json = json;
        this.baseUrl = baseUrl;
    }

    /** @param cancelAfter the create request's {@code Cancel-After}, if any */
    void start(StubPrediction prediction, @Nullable String cancelAfter) {
        var runTime = script.runTime();
        if (runTime == null) {
            scattered(prediction);
        } else {
            steady(prediction, runTime);
        }
        expire(prediction, cancelAfter);
    }

    /** The fault suite's runs: each starts and ends at a random moment, so that their callbacks interleave. */
    private void scattered(StubPrediction prediction) {
        var random = ThreadLocalRandom.current();
        long started = random.nextLong(100, 300);
        later(() -> {
            if (!"canceled".equals(prediction.status())) {
                prediction.processing();
                webhook(prediction, "processing", deliveryId(), Duration.ZERO);
            }
        }, started);
        if (prediction.fate != StubPrediction.Fate.NEVER_ENDS) {
            later(() -> finish(prediction), started + random.nextLong(200, 600));
        }
    }

    /** A benchmark's runs: each starts at once and takes exactly its time; an instant one has ended when created. */
    private void steady(StubPrediction prediction, Duration runTime) {
        prediction.processing();
        webhook(prediction, "processing", deliveryId(), Duration.ZERO);
        if (prediction.fate == StubPrediction.Fate.NEVER_ENDS) {
            return;
        }
        if (runTime.isZero()) {
            finish(prediction);
        } else {
            later(() -> finish(prediction), runTime.toMillis());
        }
    }

    private void expire(StubPrediction prediction, @Nullable String cancelAfter) {
        var after = cancelAfter == null ? null : CANCEL_AFTER.matcher(cancelAfter.strip());
        if (after != null && after.matches()) {
            long amount = Long.parseLong(after.group(1));
            long unit = switch (after.group(2)) {
                case "m" -> 60_000;
                case "h" -> 3_600_000;
                default -> 1000;
            };
            later(() -> {
                if (prediction.cancel()) {
                    expired.incrementAndGet();
                    webhook(prediction, "canceled", deliveryId(), Duration.ZERO);
                }
            }, amount * unit);
        }
    }

    /** A client's cancel: a running prediction ends canceled, and says so. */
    void cancel(StubPrediction prediction) {
        if (prediction.cancel()) {
            webhook(prediction, "canceled", deliveryId(), Duration.ZERO);
        }
    }

    private void finish(StubPrediction prediction) {
        if ("canceled".equals(prediction.status())) {
            return;
        }
        prediction.succeeded(URI.create(baseUrl + FILES + prediction.id + ".png"));
        String id = deliveryId();
        switch (prediction.fate) {
            case NORMAL -> webhook(prediction, "succeeded", id, Duration.ZERO);
            case DUPLICATED -> {
                webhook(prediction, "succeeded", id, Duration.ZERO);
                webhook(prediction, "succeeded", id, Duration.ofMillis(300));
                webhook(prediction, "succeeded", deliveryId(), Duration.ofSeconds(5));
            }
            case OUT_OF_ORDER -> {
                webhook(prediction, "succeeded", id, Duration.ZERO);
                webhook(prediction, "processing", deliveryId(), Duration.ofSeconds(1));
                webhook(prediction, "starting", deliveryId(), Duration.ofMillis(1500));
            }
            case CALLBACK_LOST, NEVER_ENDS -> {
            }
        }
        script.sent(prediction.fate);
    }

    private void webhook(StubPrediction prediction, String status, String deliveryId, Duration delay) {
        if (prediction.webhook != null) {
            webhooks.send(prediction.webhook, deliveryId, prediction.json(json, status), delay);
        }
    }

    private void later(Runnable task, long millis) {
        timer.schedule(task, millis, TimeUnit.MILLISECONDS);
    }

    WebhookDeliveries webhooks() {
        return webhooks;
    }

    int expired() {
        return expired.get();
    }

    static String newId() {
        return ThreadLocalRandom.current()
                .ints(26, 0, 36)
                .mapToObj(digit -> Character.toString(Character.forDigit(digit, 36)))
                .collect(Collectors.joining());
    }

    private static String deliveryId() {
        return "msg_" + newId();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        webhooks.close();
    }
}
