package dev.imagepipeline.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Plays the pipeline's catalog API on a local port: answers uploads as told, serves each connection to the event
 * stream from a script of its own, and the results; records every request.
 */
final class StubPipeline implements AutoCloseable {

    static final String CATALOG = "d6fbe683-73bd-3b20-81af-0aa1f63f8cf5";

    /** A request as it arrived. */
    record Request(String method, String uri, Headers headers, byte[] body) {

        @Nullable
        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Answer(int status, String contentType, String body) {
    }

    /** One connection to the event stream: what it sends, and whether it then stays open and silent. */
    private record Connection(List<String> chunks, boolean stall) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Answer> uploads = new ConcurrentLinkedQueue<>();
    private final Queue<Connection> connections = new ConcurrentLinkedQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile String results = "";
    private volatile boolean forgotten;

    private StubPipeline() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static StubPipeline start() throws IOException {
        return new StubPipeline();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next upload is answered so; uploads beyond those told get a 500. */
    StubPipeline uploadAnswers(int status, String contentType, String body) {
        uploads.add(new Answer(status, contentType, body));
        return this;
    }

    StubPipeline accepts(int items, int created, int rejectedCount, String rejected) {
        return uploadAnswers(202, "application/json", """
                {"id":"%s","status":"accepted","items":%d,"created":%d,"rejectedCount":%d,"rejected":%s}
                """.formatted(CATALOG, items, created, rejectedCount, rejected));
    }

    /** The next connection to the event stream sends these chunks and ends. */
    StubPipeline stream(String... chunks) {
        connections.add(new Connection(List.of(chunks), false));
        return this;
    }

    /** The event stream answers {@code 404}, as for a catalog that has expired, to every connection from now on. */
    StubPipeline forgetsTheCatalog() {
        forgotten = true;
        return this;
    }

    /** The next connection sends these chunks and then nothing, not even a heartbeat, while it stays open. */
    StubPipeline stalledStream(String... chunks) {
        connections.add(new Connection(List.of(chunks), true));
        return this;
    }

    StubPipeline results(String body) {
        this.results = body;
        return this;
    }

    List<Request> requests(String method, String pathPrefix) {
        return requests.stream()
                .filter(request -> request.method().equals(method) && request.uri().startsWith(pathPrefix))
                .toList();
    }

    /**
     * A progress event as Spring's {@code SseEmitter} writes it; with an {@code id} line unless {@code id} is 0. Each
     * completed item passed its marketplace's rules and cost 0.003 USD.
     */
    static String progress(long id, String status, int items, int completed, int failed, String rate, String eta) {
        int queued = items - completed - failed;
        return idLine(id) + """
                event:progress
                data:{"id":"%s","status":"%s","items":%d,"counts":{"queued":%d,"processing":0,"completed":%d,\
                "failed":%d,"canceled":0},"finished":%d,"rate":%s,"etaSeconds":%s,\
                "cost":{"estimatedUsd":%s,"recordedUsd":%s},"compliance":{"passed":%d,"failed":0}}

                """.formatted(CATALOG, status, items, queued, completed, failed, completed + failed, rate, eta,
                new BigDecimal("0.003").multiply(BigDecimal.valueOf(items)),
                new BigDecimal("0.003").multiply(BigDecimal.valueOf(completed)), completed);
    }

    static String item(long id, String sku, int line, String status, String error) {
        return idLine(id) + """
                event:item
                data:{"sku":"%s","jobId":"8035651e-bb72-3203-a6c0-a56580a0c081","line":%d,"status":"%s",\
                "images":[],"error":%s}

                """.formatted(sku, line, status, error);
    }

    private static String idLine(long id) {
        return id == 0 ? "" : "id:" + id + "\n";
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        var request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
        requests.add(request);
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/catalogs") && request.method().equals("POST")) {
            Answer answer = uploads.poll();
            answer(exchange, answer != null ? answer : new Answer(500, "text/plain", "no upload expected"));
        } else if (path.equals("/api/catalogs/" + CATALOG + "/events")) {
            events(exchange);
        } else if (path.equals("/api/catalogs/" + CATALOG + "/results")) {
            answer(exchange, new Answer(200, "text/csv", results));
        } else if (path.equals("/api/catalogs/" + CATALOG + "/cancel")) {
            answer(exchange, new Answer(202, "application/json", "{}"));
        } else {
            answer(exchange, new Answer(404, "application/problem+json", """
                    {"title":"Not Found","status":404,"detail":"No such resource"}"""));
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        Connection connection = connections.poll();
        if (forgotten) {
            answer(exchange, new Answer(404, "application/problem+json", """
                    {"title":"Catalog not found","status":404,"detail":"No catalog %s is known here"}"""
                    .formatted(CATALOG)));
            return;
        }
        if (connection == null) {
            answer(exchange, new Answer(500, "text/plain", "no connection expected"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            for (String chunk : connection.chunks()) {
                body.write(chunk.getBytes(StandardCharsets.UTF_8));
                body.flush();
            }
            if (connection.stall()) {
                awaitClosing();
            }
        }
    }

    private void awaitClosing() {
        try {
            closing.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
