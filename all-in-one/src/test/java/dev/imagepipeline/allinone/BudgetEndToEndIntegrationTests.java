package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's budget through the runner's whole pipeline: ingest-api estimates each job from the price table,
 * generation-worker records what it cost, and the ledger that reads the completion topic refuses the job that would go
 * past the month's budget before any provider sees it.
 */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.runner.broker-port=0", "pipeline.access.api-keys=shop:" + BudgetEndToEndIntegrationTests.KEY,
        "pipeline.pricing.prices[local].per-image=0.25", "pipeline.pricing.as-of=2026-11",
        "pipeline.ingest-api.budgets.shop=0.6"})
class BudgetEndToEndIntegrationTests {

    static final String KEY = "kb-5e1f0c9a7d3b4e2f8a6c1d0b9e8f7a6c";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void refusesTheJobThatWouldGoPastTheBudgetAndCountsWhatWasSpent() throws Exception {
        var first = json.readTree(submit(1, "wait=30").body());
        assertThat(first.get("status").asString()).as(first.toString()).isEqualTo("completed");
        assertThat(first.get("estimatedCost").get("usd").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(first.get("cost").get("usd").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(first.get("cost").get("basis").asString()).contains("local", "prices of 2026-11");
        assertThat(first.get("images").get(0).get("record").get("cost").get("usd").decimalValue())
                .isEqualByComparingTo("0.25");

        JsonNode spent = await().atMost(Duration.ofSeconds(10))
                .until(this::usage, usage -> usage.get("spentUsd").decimalValue().signum() > 0);
        assertThat(spent.get("client").asString()).isEqualTo("shop");
        assertThat(spent.get("jobs").asInt()).isEqualTo(1);
        assertThat(spent.get("images").asInt()).isEqualTo(1);
        assertThat(spent.get("spentUsd").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(spent.get("budgetUsd").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(spent.get("remainingUsd").decimalValue()).isEqualByComparingTo("0.35");

        var refused = submit(2, null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(402);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("0.5").doesNotContain(KEY);

        var fits = submit(1, null);
        assertThat(fits.statusCode()).as(fits.body()).isEqualTo(202);
    }

    private HttpResponse<String> submit(int images, String prefer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/generate"))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("""
                        {"description":"stoneware pasta bowl","category":"kitchenware","style":"studio",
                         "settings":{"num_images":%d,"resolution":"512x512"}}""".formatted(images)));
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode usage() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/usage"))
                .header("Authorization", "Bearer " + KEY)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("clients").get(0);
    }
}
