package dev.imagepipeline.reliability;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replicate as generation-worker sees it: create (holding the answer for {@code Prefer: wait}), get and cancel a
 * prediction with the token, and download its output file; each prediction runs its course in {@link PredictionRuns},
 * calling back through signed webhooks. It fails as its {@link ProviderScript} says; a {@code 500}'s text echoes the
 * token, as a careless vendor's might.
 */
final class ReplicateStub implements AutoCloseable {

    /** Longer than the worker's read timeout, so a held answer is one the worker never gets. */
    static final Duration HELD = FaultRun.READ_TIMEOUT.plusSeconds(2);
    private static final Pattern OFFICIAL = Pattern.compile("/v1/models/([^/]+)/([^/]+)/predictions");
    private static final Pattern ONE = Pattern.compile("/v1/predictions/([a-z0-9]+)(/cancel)?");
    private static final Pattern JOB = Pattern.compile("(?:^|&)job=([^&]+)");
    private static final Pattern PREFER_WAIT = Pattern.compile("wait=(\\d{1,2})");
    /** The longest Replicate holds a create request open, whatever {@code Prefer: wait} asks. */
    private static final Duration MOST_WAIT = Duration.ofSeconds(60);

    private final HttpServer server;
    private final String token;
    private final ProviderScript script;
    private final PredictionRuns runs;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, StubPrediction> predictions = new ConcurrentHashMap<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final byte[] png = png();

    ReplicateStub(String token, String webhookSecret, ProviderScript script) {
        this.token = token;
        this.script = script;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.runs = new PredictionRuns(new WebhookDeliveries(webhookSecret), script, json, baseUrl());
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Where webhook-receiver listens: the webhooks go there, whatever host they name. */
    void receiver(URI receiver) {
        runs.webhooks().receiver(receiver);
    }

    List<StubPrediction> predictions() {
        return List.copyOf(predictions.values());
    }

    /** Predictions made for each job, by the job named in their webhook. */
    Map<String, Long> predictionsByJob() {
        return predictions.values()
                .stream()
                .filter(prediction -> prediction.job != null)
                .collect(Collectors.groupingBy(prediction -> prediction.job, Collectors.counting()));
    }

    WebhookDeliveries webhooks() {
        return runs.webhooks();
    }

    int polls() {
        return polls.get();
    }

    int cancels() {
        return cancels.get();
    }

    /** Predictions Replicate canceled itself, as their {@code Cancel-After} had passed. */
    int expired() {
        return runs.expired();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            var one = ONE.matcher(path);
            if (path.startsWith(PredictionRuns.FILES)) {
                respond(exchange, 200, "image/png", png);
            } else if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"detail\":\"Invalid token.\"}");
            } else if (refused(exchange, script.failure())) {
                return;
            } else if ("POST".equals(method) && (OFFICIAL.matcher(path).matches() || "/v1/predictions".equals(path))) {
                create(exchange, path);
            } else if (one.matches() && one.group(2) == null) {
                get(exchange, one.group(1));
            } else if (one.matches()) {
                cancel(exchange, one.group(1));
            } else {
                respond(exchange, 404, "{\"detail\":\"Not found.\"}");
            }
        }
    }

    private void create(HttpExchange exchange, String path) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        URI webhook = body.hasNonNull("webhook") ? URI.create(body.get("webhook").asString()) : null;
        var official = OFFICIAL.matcher(path);
        String model = official.matches()
                ? official.group(1) + "/" + official.group(2)
                : body.path("version").asString("unknown").split(":")[0];
        boolean held = script.holdAnswer();
        var prediction = new StubPrediction(PredictionRuns.newId(), job(webhook), webhook, model, body.path("input"),
                script.fate(webhook), held);
        predictions.put(prediction.id, prediction);
        runs.start(prediction, exchange.getRequestHeaders().getFirst("Cancel-After"));
        var wait = preferWait(exchange.getRequestHeaders().getFirst("Prefer"));
        if (wait != null) {
            prediction.awaitEnd(wait);
        }
        if (held) {
            try {
                // A slow provider, not a wait for a result: the worker is meant to give up first.
                Thread.sleep(HELD);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, 201, prediction.json(json, prediction.status()));
    }

    private void get(HttpExchange exchange, String id) throws IOException {
        polls.incrementAndGet();
        var prediction = predictions.get(id);
        if (prediction == null) {
            respond(exchange, 404, "{\"detail\":\"Not found.\"}");
        } else {
            respond(exchange, 200, prediction.json(json, prediction.status()));
        }
    }

    private void cancel(HttpExchange exchange, String id) throws IOException {
        cancels.incrementAndGet();
        var prediction = predictions.get(id);
        if (prediction == null) {
            respond(exchange, 404, "{\"detail\":\"Not found.\"}");
            return;
        }
        runs.cancel(prediction);
        respond(exchange, 200, prediction.json(json, prediction.status()));
    }

    private boolean refused(HttpExchange exchange, @Nullable String failure) throws IOException {
        if (ProviderScript.RATE_LIMITED.equals(failure)) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            respond(exchange, 429, "{\"detail\":\"Request was throttled. Your rate limit resets in ~1s.\"}");
            return true;
        }
        if (ProviderScript.SERVER_ERROR.equals(failure)) {
            respond(exchange, 500, "{\"detail\":\"Internal error serving the request of Bearer " + token + "\"}");
            return true;
        }
        return false;
    }

    /** {@code Prefer: wait=n}: Replicate answers once the prediction ended, or after n seconds as it stands. */
    private static @Nullable Duration preferWait(@Nullable String prefer) {
        var wait = prefer == null ? null : PREFER_WAIT.matcher(prefer);
        if (wait == null || !wait.find()) {
            return null;
        }
        var asked = Duration.ofSeconds(Long.parseLong(wait.group(1)));
        return asked.compareTo(MOST_WAIT) < 0 ? asked : MOST_WAIT;
    }

    private static @Nullable String job(@Nullable URI webhook) {
        if (webhook == null || webhook.getRawQuery() == null) {
            return null;
        }
        var job = JOB.matcher(webhook.getRawQuery());
        return job.find() ? job.group(1) : null;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, byte[] json) throws IOException {
        respond(exchange, status, "application/json", json);
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] png() {
        var image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        runs.close();
    }
}
