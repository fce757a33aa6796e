package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The runner with API keys: each client sees its own jobs and catalogs and no other's, submissions are limited per
 * client, and no key reaches a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.runner.broker-port=0",
        "pipeline.access.api-keys=shop-a:" + AccessEndToEndIntegrationTests.KEY_A + ",shop-b:"
                + AccessEndToEndIntegrationTests.KEY_B + ",shop-c:" + AccessEndToEndIntegrationTests.KEY_C,
        "pipeline.access.submissions-per-minute=3"})
class AccessEndToEndIntegrationTests {

    static final String KEY_A = "ka-7f3e9c2d41b84a6f9e0d5c3b2a1f8e7d";
    static final String KEY_B = "kb-0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String KEY_C = "kc-99887766554433221100ffeeddccbbaa";
    private static final String JOB = """
            {"description":"stoneware pasta bowl","category":"kitchenware","style":"studio",
             "settings":{"num_images":1,"resolution":"512x512"}}
            """;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void showsEachClientItsOwnJobsAndCatalogsAndNoOneElses(CapturedOutput output) throws Exception {
        var anonymous = send(request("/api/generate").POST(BodyPublishers.ofString(JOB)).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        var finished = send(
                request("/api/generate", KEY_A).header("Prefer", "wait=30").POST(BodyPublishers.ofString(JOB)).build());
        assertThat(finished.statusCode()).as(finished.body()).isEqualTo(200);
        var job = json.readTree(finished.body());
        String id = job.get("id").asString();
        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(finished.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        assertThat(get("/api/generate/" + id, KEY_A).statusCode()).isEqualTo(200);
        for (var path : List.of("/api/generate/" + id, "/api/generate/" + id + "/events")) {
            var other = get(path, KEY_B);
            assertThat(other.statusCode()).as(path).isEqualTo(404);
            assertThat(other.body()).contains("No job " + id);
        }
        assertThat(send(request("/api/generate/" + id + "/cancel", KEY_B).POST(BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(404);
        var image = URI.create(job.get("images").get(0).get("url").asString()).getRawPath();
        assertThat(send(HttpRequest.newBuilder(uri(image)).build()).statusCode())
                .as("an image is fetched by its unguessable URL, without a key")
                .isEqualTo(200);

        var catalogOfA = uploadCatalog(KEY_A, "spring-2026");
        var catalogOfB = uploadCatalog(KEY_B, "spring-2026");
        assertThat(catalogOfB).as("the same key of another client is another catalog").isNotEqualTo(catalogOfA);
        assertThat(get("/api/catalogs/" + catalogOfA, KEY_A).statusCode()).isEqualTo(200);
        assertThat(get("/api/catalogs/" + catalogOfA, KEY_B).statusCode()).isEqualTo(404);
        assertThat(get("/api/catalogs/" + catalogOfA + "/results", KEY_B).statusCode()).isEqualTo(404);

        assertThat(output.getAll()).doesNotContain(KEY_A, KEY_B, KEY_C);
    }

    @Test
    void streamsEveryEventOfTheClientsOwnJobsOnly() throws Exception {
        var lines = new CopyOnWriteArrayList<String>();
        var stream = http.sendAsync(request("/api/events", KEY_C).build(), BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":watching"));

        String theirs = submit(KEY_B);
        String mine = submit(KEY_C);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> lines.stream().anyMatch(line -> line.startsWith("id:" + mine) && line.contains(mine))
                        && lines.contains("event:succeeded"));
        stream.cancel(true);
        assertThat(lines).anyMatch(line -> line.equals("event:accepted"));
        assertThat(String.join("\n", lines)).doesNotContain(theirs);
    }

    @Test
    void limitsEachClientsSubmissionsAndSaysWhenToTryAgain() throws Exception {
        // shop-b's allowance, three jobs a minute, is shared with the other tests here, whichever runs first: five
        // tries meet a 429 in any order.
        int accepted = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 5 && refused == null; i++) {
            var response = send(request("/api/generate", KEY_B).POST(BodyPublishers.ofString(JOB)).build());
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(202);
                accepted++;
            }
        }

        assertThat(accepted).isLessThanOrEqualTo(3);
        assertThat(refused).isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("This client may make 3 jobs a minute");
    }

    @Test
    void refusesABodyPastTheLimitEvenWhenItAnnouncesNoLength() throws Exception {
        byte[] body = ("{\"description\":\"" + "x".repeat(70_000) + "\"}").getBytes();
        var response = send(request("/api/generate", KEY_A).header("Prefer", "wait=1")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private String uploadCatalog(String key, String idempotencyKey) throws Exception {
        var response = send(request("/api/catalogs", key).setHeader("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", idempotencyKey)
                .POST(BodyPublishers.ofString("""
                        {"sku":"BOWL-1","description":"stoneware bowl","category":"kitchenware","style":"studio"}
                        """))
                .build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = json.readTree(response.body()).get("id").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/catalogs/" + id, key).statusCode() == 200);
        return id;
    }

    private String submit(String key) throws Exception {
        var response = send(request("/api/generate", key).POST(BodyPublishers.ofString(JOB)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = json.readTree(response.body());
        return accepted.get("id").asString();
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        return send(request(path, key).build());
    }

    private HttpRequest.Builder request(String path, String key) {
        return request(path).header("Authorization", "Bearer " + key);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, BodyHandlers.ofString());
    }
}
