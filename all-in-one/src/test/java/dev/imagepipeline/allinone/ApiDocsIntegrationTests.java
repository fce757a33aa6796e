package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

/**
 * The runner's merged OpenAPI description against the runner itself, on the real broker it embeds: every endpoint is
 * described, and the answers real requests get are the ones described, body by body.
 */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pipeline.runner.broker-port=0")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocsIntegrationTests {

    private static final String JOB = """
            {"description":"ceramic pour-over coffee dripper, matte black","category":"kitchenware",
             "style":"white_background","settings":{"num_images":1,"resolution":"512x512","seed":7}}
            """;

    @LocalServerPort
    int port;

    // Actuator adds a mapping of its own for its endpoints: the application's is the one named so.
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    RunnerClient runner;
    JsonNode spec;
    DocumentedAnswers described;

    @BeforeAll
    void readTheDescription() throws Exception {
        runner = new RunnerClient(port);
        var answer = get("/v3/api-docs");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        spec = runner.json(answer.body());
        described = new DocumentedAnswers(spec);
    }

    @Test
    void describesEveryEndpointOfTheFiveServices() {
        var documented = spec.get("paths").propertyNames();
        var served = mappings.getHandlerMethods()
                .keySet()
                .stream()
                .flatMap(info -> info.getPatternValues().stream())
                .filter(path -> path.startsWith("/api/"))
                // A pattern's regular expression, such as {provider:huggingface|stability}, is documented as {provider}.
                .map(path -> path.replaceAll("\\{(\\w+):[^}]*}", "{$1}"))
                .distinct()
                .toList();

        assertThat(served).hasSizeGreaterThanOrEqualTo(15);
        assertThat(documented).containsAll(served);
    }

    @Test
    void documentsTheApiKeyAndProblemAnswersOnEveryKeyedOperation() {
        var submit = spec.at("/paths/~1api~1generate/post");

        assertThat(spec.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
        assertThat(submit.at("/security/0").propertyNames()).containsExactly("apiKey");
        assertThat(submit.get("responses").propertyNames()).contains("200", "202", "400", "401", "413", "415", "429",
                "503");
        assertThat(submit.at("/responses/429/headers/Retry-After").isMissingNode()).isFalse();
        assertThat(submit.at("/responses/404").isMissingNode()).isTrue();
        assertThat(spec.at("/paths/~1api~1webhook~1replicate/post/security").isMissingNode()).isTrue();
        assertThat(submit.at("/responses/401/content/application~1problem+json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/ProblemDetail");
    }

    @Test
    void documentsTheLimitsAndFixedValuesOfAJob() {
        var request = spec.at("/components/schemas/GenerateRequest");
        var settings = spec.at("/components/schemas/JobSettings");

        assertThat(request.at("/properties/description/maxLength").asInt()).isEqualTo(1000);
        assertThat(request.get("required").valueStream().map(JsonNode::asString)).contains("description", "category",
                "style");
        assertThat(settings.at("/properties/num_images/maximum").asInt()).isEqualTo(4);
        assertThat(settings.at("/properties/resolution/enum").valueStream().map(JsonNode::asString))
                .containsExactly("512x512", "768x768", "1024x1024");
        assertThat(request.at("/properties/category/enum").valueStream().map(JsonNode::asString))
                .contains("kitchenware", "home_decor");
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class RealAnswers {

        @Test
        void aJobSubmittedReadAndCanceledTooLate() throws Exception {
            var accepted = post("/api/generate", JOB);
            assertDescribed("POST", accepted);
            String id = runner.json(accepted.body()).get("id").asString();

            var finished = get("/api/generate/" + id + "?wait=30s");
            assertThat(runner.json(finished.body()).get("status").asString()).isEqualTo("completed");
            assertDescribed("GET", finished);
            assertDescribed("POST", post("/api/generate/" + id + "/cancel", ""));
            assertDescribed("GET", get("/api/generate/" + UUID.randomUUID()));
        }

        @Test
        void aJobWaitedFor() throws Exception {
            var waited = send(HttpRequest.newBuilder(runner.uri("/api/generate"))
                    .header("Content-Type", "application/json")
                    .header("Prefer", "wait=30")
                    .POST(HttpRequest.BodyPublishers.ofString(JOB))
                    .build());

            assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
            assertDescribed("POST", waited);
        }

        @Test
        void badRequests() throws Exception {
            assertDescribed("POST", post("/api/generate", """
                    {"description":"mug","category":"kitchenware","style":"polaroid"}"""));
            assertDescribed("POST",
                    send(HttpRequest.newBuilder(runner.uri("/api/generate"))
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString("a mug"))
                            .build()));
        }

        @Test
        void thePromptEndpoints() throws Exception {
            String body = """
                    {"description":"linen tote bag, natural","category":"apparel","style":"lifestyle",
                     "marketplace":"amazon_main"}""";

            assertDescribed("GET", get("/api/prompt/templates"));
            assertDescribed("POST", post("/api/prompt/preview", body));
            assertDescribed("POST", post("/api/prompt/generate", body));
        }

        @Test
        void aCatalogUploadedReadAndDownloaded() throws Exception {
            var uploaded = send(HttpRequest.newBuilder(runner.uri("/api/catalogs"))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            sku,description,category,style,num_images,resolution
                            MUG-001,stoneware mug with speckled glaze,kitchenware,white_background,1,512x512
                            LAMP-003,brass desk lamp,home_decor,polaroid,1,512x512
                            """))
                    .build());
            assertDescribed("POST", uploaded);
            String catalog = runner.json(uploaded.body()).get("id").asString();

            var summary = get("/api/catalogs/" + catalog);
            assertDescribed("GET", summary);
            var results = get("/api/catalogs/" + catalog + "/results");
            assertThat(results.body().lines()).hasSize(1);
            for (String line : results.body().lines().toList()) {
                assertThat(described.violations("GET", results, runner.json(line))).as(line).isEmpty();
            }
        }

        @Test
        void aJobsEventsAreNamedAsDescribed() throws Exception {
            String id = runner.submit(JOB);
            // A finished job's stream replays its events and ends after the terminal one.
            assertThat(runner.finished(id, Duration.ofSeconds(60)).get("status").asString()).isEqualTo("completed");
            var stream = send(HttpRequest.newBuilder(runner.uri("/api/generate/" + id + "/events"))
                    .timeout(Duration.ofSeconds(30))
                    .build());
            var names = stream.body()
                    .lines()
                    .filter(line -> line.startsWith("event:"))
                    .map(line -> line.substring("event:".length()).strip())
                    .toList();
            String description = described.operation("GET", stream.request().uri())
                    .at("/responses/200/description")
                    .asString();

            assertThat(described.schema("GET", stream)).isNotNull();
            assertThat(names).contains("accepted", "succeeded")
                    .allSatisfy(name -> assertThat(description).contains("`" + name + "`"));
        }
    }

    @Test
    void servesSwaggerUiOnTheMergedDescription() throws Exception {
        var page = send(HttpRequest.newBuilder(runner.uri("/swagger-ui/index.html")).build());
        var config = runner.json(get("/v3/api-docs/swagger-config").body());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(config.get("url").asString()).isEqualTo("/v3/api-docs");
    }

    private void assertDescribed(String method, HttpResponse<String> answer) {
        assertThat(described.violations(method, answer, runner.json(answer.body())))
                .as("%s %s answered %d %s", method, answer.request().uri().getPath(), answer.statusCode(),
                        answer.body())
                .isEmpty();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(runner.uri(path)).build());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return runner.post(path, body);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return runner.send(request);
    }
}
