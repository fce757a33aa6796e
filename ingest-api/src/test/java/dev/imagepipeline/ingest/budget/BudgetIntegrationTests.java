package dev.imagepipeline.ingest.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.ingest.IngestApiApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budgets and usage through the real HTTP API and broker: estimates announced, reserved, released by a failure and
 * replaced by a recorded cost, as the completion topic tells them.
 */
@SpringBootTest(classes = IngestApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.access.enabled=true",
        "pipeline.access.api-keys=shop-a:" + BudgetIntegrationTests.KEY_A + ",shop-b:" + BudgetIntegrationTests.KEY_B
                + ",shop-c:" + BudgetIntegrationTests.KEY_C,
        "pipeline.access.submissions-per-minute=1000", "pipeline.ingest-api.providers=local,replicate",
        "pipeline.ingest-api.budgets.shop-a=0.10", "pipeline.ingest-api.budgets.shop-c=0.10",
        "pipeline.pricing.prices[replicate/flux-dev].per-image=0.04", "pipeline.pricing.as-of=2026-11"})
class BudgetIntegrationTests {

    static final String KEY_A = "budget-key-a-0123456789abcdef";
    static final String KEY_B = "budget-key-b-0123456789abcdef";
    static final String KEY_C = "budget-key-c-0123456789abcdef";

    private static final KraftBroker broker = KraftBroker.shared();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String JOB = """
            {"description":"walnut desk organizer","category":"home_decor","style":"studio",
             "provider":"replicate","model":"flux-dev","settings":{"num_images":1}}""";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void reservesEstimatesRefusesPastTheBudgetAndCountsWhatJobsRecord() throws Exception {
        String first = accepted(post(KEY_A, JOB));
        assertThat(probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(first), TIMEOUT).getLast().value()).contains(
                "\"type\":\"accepted\"", "\"client\":\"shop-a\"", "\"estimatedCost\":{\"usd\":0.04,",
                "replicate/flux-dev: 1 image of 1024x1024 at 0.04 USD an image (prices of 2026-11)");
        String second = accepted(post(KEY_A, JOB));

        var refused = post(KEY_A, JOB.replace("walnut desk organizer", "refused desk organizer"));

        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        var problem = json.readTree(refused.body());
        assertThat(problem.get("title").asString()).isEqualTo("Budget exceeded");
        assertThat(problem.get("detail").asString())
                .contains("0.04 USD", "'shop-a'", "budget of 0.10 USD", "0 USD spent", "0.08 USD reserved")
                .doesNotContain(KEY_A);
        assertThat(problem.get("reservedUsd").decimalValue()).isEqualByComparingTo("0.08");
        assertThat(probe.readAll(Topics.REQUESTS, Duration.ofSeconds(2)))
                .noneMatch(r -> r.value().contains("refused desk organizer"));

        probe.send(Topics.JOB_EVENTS, first, """
                {"type":"failed","jobId":"%s","at":"2026-11-27T10:15:32Z","reason":"provider_error",
                 "message":"the provider failed","version":1}""".formatted(first));
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(usage(KEY_A).get("reservedUsd").decimalValue()).isEqualByComparingTo("0.04"));
        String third = accepted(post(KEY_A, JOB));

        probe.send(Topics.JOB_EVENTS, second, succeeded(second, "0.03"));
        await().atMost(TIMEOUT).untilAsserted(() -> {
            var usage = usage(KEY_A);
            assertThat(usage.get("client").asString()).isEqualTo("shop-a");
            assertThat(usage.get("jobs").asInt()).isEqualTo(3);
            assertThat(usage.get("images").asInt()).isEqualTo(1);
            assertThat(usage.get("spentUsd").decimalValue()).isEqualByComparingTo("0.03");
            assertThat(usage.get("reservedUsd").decimalValue()).isEqualByComparingTo("0.04");
            assertThat(usage.get("budgetUsd").decimalValue()).isEqualByComparingTo("0.10");
            assertThat(usage.get("remainingUsd").decimalValue()).isEqualByComparingTo("0.03");
        });
        assertThat(third).isNotEqualTo(second);
        assertThat(post(KEY_A, JOB).statusCode()).isEqualTo(402);
    }

    @Test
    void showsEachClientOnlyItsOwnMonthAndAClientWithoutBudgetIsNeverRefused() throws Exception {
        for (int i = 0; i < 4; i++) {
            accepted(post(KEY_B, JOB));
        }

        var response = get("/api/usage", KEY_B);
        assertThat(response.statusCode()).isEqualTo(200);
        var report = json.readTree(response.body());
        assertThat(report.get("month").asString()).matches("\\d{4}-\\d{2}");
        assertThat(report.get("clients")).singleElement().satisfies(usage -> {
            assertThat(usage.get("client").asString()).isEqualTo("shop-b");
            assertThat(usage.get("reservedUsd").decimalValue()).isEqualByComparingTo("0.16");
            assertThat(usage.has("budgetUsd")).isFalse();
        });
        assertThat(get("/api/usage", null).statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsTheItemsOfACatalogPastTheBudgetAndQueuesTheOthers() throws Exception {
        String items = """
                {"sku":"C-1","description":"oak board","category":"kitchenware","style":"studio","provider":"replicate","model":"flux-dev"}
                {"sku":"C-2","description":"ash board","category":"kitchenware","style":"studio","provider":"replicate","model":"flux-dev"}
                {"sku":"C-3","description":"elm board","category":"kitchenware","style":"studio","provider":"replicate","model":"flux-dev"}
                {"sku":"C-4","description":"yew board","category":"kitchenware","style":"studio","provider":"local"}
                """;

        var response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/catalogs"))
                        .header("Content-Type", "application/x-ndjson")
                        .header("Authorization", "Bearer " + KEY_C)
                        .POST(HttpRequest.BodyPublishers.ofString(items))
                        .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        var receipt = json.readTree(response.body());
        assertThat(receipt.get("items").asInt()).isEqualTo(3);
        assertThat(receipt.get("rejected")).singleElement().satisfies(rejected -> {
            assertThat(rejected.get("sku").asString()).isEqualTo("C-3");
            assertThat(rejected.get("reason").asString()).contains("past its budget of 0.10 USD", "0.08 USD reserved");
        });
        assertThat(usage(KEY_C).get("reservedUsd").decimalValue()).isEqualByComparingTo("0.08");
    }

    private static String accepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("id").asString();
    }

    private JsonNode usage(String key) throws Exception {
        var response = get("/api/usage", key);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).get("clients").get(0);
    }

    private static String succeeded(String jobId, String usd) {
        return """
                {"type":"succeeded","jobId":"%s","at":"2026-11-27T10:15:32Z","provider":"replicate",
                 "model":"flux-dev","seed":42,
                 "images":[{"url":"http://localhost:8080/api/images/Zm9v.png","width":1024,"height":1024,
                            "contentType":"image/png","expiresAt":"2026-11-27T11:15:32Z"}],
                 "warnings":[],"runs":[],"cost":{"usd":%s,"basis":"replicate/flux-dev: recorded"},"version":1}"""
                .formatted(jobId, usd);
    }

    private HttpResponse<String> post(String key, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/generate"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
