package dev.imagepipeline.ingest.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.ingest.IngestApiApplication;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = IngestApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestApiIntegrationTests {

    private static final KraftBroker broker = KraftBroker.shared();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @Test
    void publishesTheJobAndItsAcceptanceKeyedByItsId() throws Exception {
        var response = post("""
                {"description":"  linen throw pillow  ","category":"home_decor","style":"lifestyle"}
                """);

        assertThat(response.statusCode()).isEqualTo(202);
        String id = JsonMapper.builder().build().readTree(response.body()).get("id").asString();
        ConsumerRecord<String, String> request = probe.readUntil(Topics.REQUESTS, r -> r.key().equals(id), TIMEOUT)
                .getLast();
        assertThat(request.value()).contains("\"description\":\"linen throw pillow\"", "\"lane\":\"interactive\"",
                "\"resolution\":\"1024x1024\"", "\"numImages\":1");
        assertThat(probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(id), TIMEOUT).getLast().value())
                .contains("\"type\":\"accepted\"", "\"category\":\"home_decor\"");
    }

    @Test
    void carriesTheCallbackUrlOnTheJobAndOnItsAcceptance() throws Exception {
        var response = post("""
                {"description":"linen throw pillow","category":"home_decor","style":"lifestyle",
                 "callbackUrl":"https://shop.example/hooks/images?job=pillow"}
                """);

        assertThat(response.statusCode()).isEqualTo(202);
        String id = JsonMapper.builder().build().readTree(response.body()).get("id").asString();
        String callback = "\"callbackUrl\":\"https://shop.example/hooks/images?job=pillow\"";
        assertThat(probe.readUntil(Topics.REQUESTS, r -> r.key().equals(id), TIMEOUT).getLast().value())
                .contains(callback);
        assertThat(probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(id), TIMEOUT).getLast().value())
                .contains("\"type\":\"accepted\"", callback);
    }

    @Test
    void queuesARecordToReproduceAsItIsAndAnnouncesItsEstimatedCost() throws Exception {
        var response = post("""
                {"reproduce":%s}
                """.formatted(
                GenerateControllerTests.RECORD.replace("replicate", "local").replace("flux-dev", "preview")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = JsonMapper.builder().build().readTree(response.body()).get("id").asString();
        assertThat(probe.readUntil(Topics.REQUESTS, r -> r.key().equals(id), TIMEOUT).getLast().value()).contains(
                "\"autofix\":true", "\"reproduce\":{", "\"prompt\":\"a linen tote bag on pure white\"",
                "\"width\":832,\"height\":1216,\"numImages\":2,\"guidanceScale\":3.5,\"numInferenceSteps\":28,"
                        + "\"seed\":424242",
                "\"provider\":\"local\"", "\"model\":\"preview\"", "\"description\":\"linen tote bag\"");
        assertThat(probe.readUntil(Topics.JOB_EVENTS, r -> r.key().equals(id), TIMEOUT).getLast().value()).contains(
                "\"type\":\"accepted\"", "\"estimatedCost\":{\"usd\":0,", "local/preview: 2 images of 832x1216");
    }

    @Test
    void publishesNothingForARefusedJob() throws Exception {
        var refused = post("""
                {"description":"refused-pillow","category":"home_decor","style":"lifestyle",
                 "settings":{"num_images":0}}
                """);
        var fence = post("""
                {"description":"accepted-pillow","category":"home_decor","style":"lifestyle"}
                """);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fence.statusCode()).isEqualTo(202);
        for (String topic : List.of(Topics.REQUESTS, Topics.JOB_EVENTS)) {
            assertThat(probe.readAll(topic, Duration.ofSeconds(3))).anyMatch(r -> r.value().contains("accepted-pillow"))
                    .noneMatch(r -> r.value().contains("refused-pillow"));
        }
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/generate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
    }
}
