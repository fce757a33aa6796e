package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.reliability.Pipeline.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The distributed layout of {@code docker-compose.yml} without Docker: the broker and each service as its own process,
 * behind the real nginx serving {@code deploy/nginx.conf} (its upstreams pointed at those processes), and every request
 * sent to nginx: a job watched over SSE to its end and its image fetched, a catalog, a Replicate job whose webhooks the
 * stub delivers through the gateway, and API keys checked. Skipped where nginx is not installed.
 */
class DistributedLayoutIntegrationTests {

    private static final byte[] PNG = HexFormat.of().parseHex("89504e470d0a1a0a");
    private static final Duration WITHIN = Duration.ofMinutes(2);

    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper json = JsonMapper.builder().build();

    private static @Nullable Path work;
    private static @Nullable ReplicateStub stub;
    private static @Nullable Pipeline pipeline;
    private static @Nullable NginxGateway gateway;
    private static final Secrets secrets = Secrets.random();

    @BeforeAll
    static void startTheLayout() throws IOException {
        var nginx = NginxGateway.binary();
        assumeTrue(nginx.isPresent(), "nginx is not installed (apt-get install nginx): the layout is not run");
        Path target = Path.of(System.getProperty("reliability.target", "target"));
        Path logs = Files.createDirectories(target.resolve("distributed-layout"));
        work = Files.createTempDirectory("distributed-layout-");
        stub = new ReplicateStub(secrets.replicateToken(), secrets.webhookSecret(),
                ProviderScript.steady(Duration.ofMillis(300)));
        pipeline = Pipeline.start(secrets, stub.baseUrl(), Path.of(System.getProperty("reliability.services")), logs,
                work, Map.of(Service.GENERATION_WORKER,
                        List.of("--pipeline.generation-worker.images.directory=" + work.resolve("images"))));
        var upstreams = new TreeMap<String, InetSocketAddress>();
        for (var service : Service.values()) {
            upstreams.put(service.module, pipeline.address(service));
        }
        gateway = NginxGateway.start(nginx.get(), DistributedLayoutTests.ROOT.resolve("deploy/nginx.conf"), upstreams,
                logs.resolve("nginx"));
        // Replicate calls back at the public address, which is the gateway's.
        stub.receiver(gateway.url(""));
    }

    @AfterAll
    static void stopTheLayout() {
        try (var closingStub = stub; var closingPipeline = pipeline; var closingGateway = gateway) {
            // Closed in reverse order: the gateway, the services and broker, the stub.
        } finally {
            if (work != null) {
                FaultRun.deleteRecursively(work);
            }
        }
    }

    @Test
    void runsAJobFromSubmissionOverItsEventStreamToItsImage() throws Exception {
        var accepted = send(post("/api/generate", """
                {"description":"ceramic pour-over coffee dripper, matte black","category":"kitchenware",
                 "style":"white_background","settings":{"num_images":1,"resolution":"512x512"}}"""));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json.readTree(accepted.body()).path("id").asString();
        assertThat(accepted.headers().firstValue("Location")).contains("/api/generate/" + id);

        assertThat(events("/api/generate/" + id + "/events")).contains("prompt_prepared").endsWith("succeeded");

        var job = json.readTree(send(get("/api/generate/" + id)).body());
        assertThat(job.path("status").asString()).isEqualTo("completed");
        // The image's URL names the public address; the gateway serves its path, without a key.
        var image = URI.create(job.path("images").path(0).path("url").asString());
        var bytes = http.send(HttpRequest.newBuilder(gateway().url(image.getRawPath())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(Arrays.copyOf(bytes.body(), PNG.length)).isEqualTo(PNG);
    }

    @Test
    void endsAReplicateJobByItsWebhookDeliveredThroughTheGateway() throws Exception {
        var accepted = send(post("/api/generate", """
                {"description":"linen tote bag, natural","category":"apparel","style":"lifestyle",
                 "provider":"replicate","settings":{"num_images":1,"resolution":"512x512"}}"""));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = json.readTree(accepted.body()).path("id").asString();

        assertThat(events("/api/generate/" + id + "/events")).contains("submitted").endsWith("succeeded");
        assertThat(gateway().accessLog())
                .anyMatch(line -> line.contains("\"POST /api/webhook/replicate?job=" + id) && line.contains("\" 204 "));
    }

    @Test
    void takesACatalogAndReportsItsItemsThroughTheGateway() {
        var catalogs = new CatalogRun(secrets.apiKey(), gateway().url(""), gateway().url(""));

        String id = catalogs.upload(CatalogRun.items(3), WITHIN).path("id").asString();
        JsonNode ended = catalogs.awaitEnded(id, WITHIN);

        assertThat(ended.path("status").asString()).isEqualTo("completed");
        var results = send(get("/api/catalogs/" + id + "/results?format=csv"));
        assertThat(results.body()).contains("FS-00000", "FS-00001", "FS-00002");
    }

    @Test
    void refusesARequestWithoutAValidKeyAtEachServiceBehindIt() {
        for (var path : List.of("/api/prompt/templates", "/api/generate/" + UUID.randomUUID(),
                "/api/catalogs/" + UUID.randomUUID())) {
            for (var key : List.of("", "Bearer not-a-key-of-this-pipeline")) {
                var builder = HttpRequest.newBuilder(gateway().url(path));
                var answer = send(key.isEmpty() ? builder.build() : builder.header("Authorization", key).build());
                assertThat(answer.statusCode()).as("%s with '%s'", path, key).isEqualTo(401);
                // The service's problem answer, not nginx's page: the request reached the service.
                assertThat(answer.headers().firstValue("Content-Type")).as(path)
                        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            }
        }
        assertThat(send(get("/api/prompt/templates")).statusCode()).isEqualTo(200);
        assertThat(send(post("/api/generate", "{}")).statusCode()).isEqualTo(400);
    }

    @Test
    void servesNothingButThePublicApi() {
        assertThat(send(HttpRequest.newBuilder(gateway().url("/actuator/health")).build()).statusCode()).isEqualTo(404);
    }

    /** The names of the stream's events, read until the pipeline ends it after the job's terminal event. */
    private static List<String> events(String path) throws Exception {
        var request = HttpRequest.newBuilder(gateway().url(path))
                .header("Authorization", "Bearer " + secrets.apiKey())
                .header("Accept", "text/event-stream")
                .build();
        var answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> response.body()
                        .filter(line -> line.startsWith("event:"))
                        .map(line -> line.substring("event:".length()).strip())
                        .toList());
        return completed(answer);
    }

    private static List<String> completed(CompletableFuture<List<String>> events) throws Exception {
        try {
            return events.get(WITHIN.toSeconds(), TimeUnit.SECONDS);
        } finally {
            events.cancel(true);
        }
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(gateway().url(path))
                .header("Authorization", "Bearer " + secrets.apiKey())
                .build();
    }

    private static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(gateway().url(path))
                .header("Authorization", "Bearer " + secrets.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static NginxGateway gateway() {
        assertThat(gateway).isNotNull();
        return gateway;
    }
}
