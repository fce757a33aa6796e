package dev.imagepipeline.reliability;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** One prediction the stub made, and the way its life is scripted to go. */
final class StubPrediction {

    /** How a prediction's webhooks go. */
    enum Fate {
        /** A {@code start} webhook, then a {@code completed} one. */
        NORMAL,
        /** The {@code completed} webhook again under the same id (a retry), and once more under a new id, later. */
        DUPLICATED,
        /** After {@code completed}, webhooks saying it is still processing, then starting. */
        OUT_OF_ORDER,
        /** It succeeds, but its {@code completed} webhook never comes: only polling can tell. */
        CALLBACK_LOST,
        /** It never ends: only a deadline can end its job. */
        NEVER_ENDS
    }

    final String id;
    final @Nullable String job;
    final @Nullable URI webhook;
    final String model;
    final JsonNode input;
    final Fate fate;
    /** Created by a request whose answer was held past the client's timeout. */
    final boolean answerLost;
    private final Instant createdAt = Instant.now();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile String status = "starting";
    private volatile @Nullable URI output;

    StubPrediction(String id, @Nullable String job, @Nullable URI webhook, String model, JsonNode input, Fate fate,
            boolean answerLost) {
        this.id = id;
        this.job = job;
        this.webhook = webhook;
        this.model = model;
        this.input = input;
        this.fate = fate;
        this.answerLost = answerLost;
    }

    String status() {
        return status;
    }

    void processing() {
        status = "processing";
    }

    void succeeded(URI file) {
        output = file;
        status = "succeeded";
        ended.countDown();
    }

    /** @return whether it was still running, and is now canceled */
    synchronized boolean cancel() {
        if (!"starting".equals(status) && !"processing".equals(status)) {
            return false;
        }
        status = "canceled";
        ended.countDown();
        return true;
    }

    /** Holds a create request open until the prediction ends or the time is up, as for {@code Prefer: wait}. */
    void awaitEnd(Duration within) {
        try {
            ended.await(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The prediction as Replicate's API and webhooks show it, in the status given. */
    byte[] json(JsonMapper json, String asStatus) {
        ObjectNode body = json.createObjectNode();
        body.put("id", id);
        body.put("model", model);
        body.put("version", "hidden");
        body.set("input", input);
        body.put("status", asStatus);
        var file = output;
        if ("succeeded".equals(asStatus) && file != null) {
            body.putArray("output").add(file.toString());
        } else {
            body.putNull("output");
        }
        body.putNull("error");
        body.put("logs", "Using seed: " + input.path("seed").asLong(0));
        body.put("data_removed", false);
        body.put("created_at", createdAt.toString());
        if ("succeeded".equals(asStatus)) {
            body.putObject("metrics").put("predict_time", 0.4);
        }
        return json.writeValueAsBytes(body);
    }
}
