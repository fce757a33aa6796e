package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Marketplace-ready results through the runner's whole pipeline and the local renderer: every image is checked against
 * its marketplace's rules, fixed on request with its original kept, priced, and carries a record that makes it again.
 */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pipeline.runner.broker-port=0")
class MarketplaceEndToEndIntegrationTests {

    private static final Duration WITHIN = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Test
    void aWhiteBackgroundAmazonMainImagePassesEveryRuleAndCarriesItsRecord() throws Exception {
        var runner = new RunnerClient(port);

        var job = runner.finished(runner.submit("""
                {"description":"ceramic pour-over coffee dripper, matte black","category":"kitchenware",
                 "style":"white_background","marketplace":"amazon_main","settings":{"seed":42}}"""), WITHIN);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("completed");
        var image = job.get("images").get(0);
        var record = image.get("record");
        var compliance = record.get("compliance");
        assertThat(compliance.get("passed").asBoolean()).as(compliance.toString()).isTrue();
        assertThat(compliance.get("original").get("rules")).hasSize(6)
                .allSatisfy(rule -> assertThat(rule.get("passed").asBoolean()).as(rule.toString()).isTrue());
        assertThat(compliance.get("fixes")).isEmpty();
        assertThat(image.has("originalUrl")).as("nothing was fixed").isFalse();
        assertThat(record.get("provider").asString()).isEqualTo("local");
        assertThat(record.get("model").asString()).isEqualTo("preview");
        assertThat(record.get("prompt").asString()).isEqualTo(job.get("prompt").asString());
        assertThat(record.get("negativePrompt").asString()).isEqualTo(job.get("negativePrompt").asString());
        assertThat(record.get("seed").asLong()).isEqualTo(42);
        assertThat(record.get("settings").get("width").asInt()).isEqualTo(1024);
        assertThat(record.get("providerInput").size()).isPositive();
        assertThat(record.get("marketplace").asString()).isEqualTo("amazon_main");
        assertThat(record.get("timings").get("generationMillis").asLong()).isNotNegative();
        assertThat(record.get("timings").has("complianceMillis")).isTrue();
        assertThat(record.get("cost").get("usd").decimalValue()).isZero();
        assertThat(record.get("cost").get("basis").asString()).contains("local");
        assertThat(job.get("cost").get("usd").decimalValue()).isZero();
        assertThat(job.get("estimatedCost").get("usd").decimalValue()).isZero();

        var picture = picture(runner.image(image.get("url").asString()));
        assertThat(picture.getRGB(0, 0) & 0xFFFFFF).as("pure white to the edges").isEqualTo(0xFFFFFF);
    }

    @Test
    void anImageThatFailsIsFixedOnRequestAndItsOriginalKept() throws Exception {
        var runner = new RunnerClient(port);

        var job = runner.finished(runner.submit("""
                {"description":"linen cushion, sage green","category":"home_decor","style":"minimal",
                 "marketplace":"amazon_main","autofix":true,"settings":{"seed":7}}"""), WITHIN);

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("completed");
        var image = job.get("images").get(0);
        var compliance = image.get("record").get("compliance");
        assertThat(compliance.get("original").get("passed").asBoolean()).as(compliance.toString()).isFalse();
        assertThat(rule(compliance.get("original"), "background").get("passed").asBoolean()).isFalse();
        assertThat(compliance.get("fixes")).extracting(fix -> fix.get("fix").asString()).contains("snap_background");
        assertThat(compliance.get("fixed").get("passed").asBoolean()).as(compliance.toString()).isTrue();
        assertThat(compliance.get("passed").asBoolean()).isTrue();

        var fixed = picture(runner.image(image.get("url").asString()));
        var original = picture(runner.image(image.get("originalUrl").asString()));
        assertThat(fixed.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(original.getRGB(0, 0) & 0xFFFFFF).as("the provider's own near-white").isNotEqualTo(0xFFFFFF);
    }

    @Test
    void aRecordSentBackMakesTheSameImageAgain() throws Exception {
        var runner = new RunnerClient(port);
        var first = runner.finished(runner.submit("""
                {"description":"brass desk lamp with a green shade","category":"home_decor",
                 "style":"white_background","marketplace":"amazon_main","settings":{"num_images":2}}"""), WITHIN);
        var record = first.get("images").get(1).get("record");

        var request = runner.json("{}");
        ((ObjectNode) request).set("reproduce", record);
        var again = runner.finished(runner.submit(request.toString()), WITHIN);

        assertThat(again.get("status").asString()).as(again.toString()).isEqualTo("completed");
        assertThat(again.get("prompt").asString()).isEqualTo(record.get("prompt").asString());
        assertThat(again.get("seed").asLong()).isEqualTo(record.get("seed").asLong());
        for (int i = 0; i < 2; i++) {
            assertThat(runner.image(again.get("images").get(i).get("url").asString())).as("image %d of the batch", i)
                    .isEqualTo(runner.image(first.get("images").get(i).get("url").asString()));
        }
        assertThat(again.get("images").get(1).get("record").get("settings")).isEqualTo(record.get("settings"));
    }

    private static JsonNode rule(JsonNode check, String name) {
        for (var rule : check.get("rules")) {
            if (rule.get("rule").asString().equals(name)) {
                return rule;
            }
        }
        throw new AssertionError("no rule " + name + " in " + check);
    }

    private static BufferedImage picture(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
