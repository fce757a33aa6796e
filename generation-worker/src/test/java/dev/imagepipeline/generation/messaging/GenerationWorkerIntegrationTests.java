package dev.imagepipeline.generation.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.embeddedkafka.KraftBroker;
import dev.imagepipeline.embeddedkafka.TopicProbe;
import dev.imagepipeline.generation.GenerationWorkerApplication;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = GenerationWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GenerationWorkerIntegrationTests {

    private static final KraftBroker broker = KraftBroker.shared();
    private static final TopicProbe probe = new TopicProbe(broker.bootstrapServers());
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
        Path images = Files.createTempDirectory("generation-worker-images-");
        registry.add("pipeline.generation-worker.images.directory", images::toString);
    }

    @Test
    void publishesProgressAndSucceededWithServableImagesForAPreparedPrompt() throws Exception {
        String jobId = UUID.randomUUID().toString();

        probe.send(Topics.PROMPTS_INTERACTIVE, jobId, prepared(jobId, "local"));

        var events = probe.readUntil(Topics.JOB_EVENTS,
                r -> r.key().equals(jobId) && r.value().contains("\"type\":\"succeeded\""), TIMEOUT);
        var ofJob = events.stream().filter(r -> r.key().equals(jobId)).map(r -> r.value()).toList();
        assertThat(ofJob.getFirst()).contains("\"type\":\"progress\"", "generating with local/preview");
        assertThat(ofJob.getLast()).contains("\"type\":\"succeeded\"", "\"seed\":5");
        var url = JsonMapper.builder().build().readTree(ofJob.getLast()).get("images").get(0).get("url").asString();
        var image = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + URI.create(url).getPath()))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.body()).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void failsAJobWhoseProviderIsNotConfigured() {
        String jobId = UUID.randomUUID().toString();

        probe.send(Topics.PROMPTS_BULK, jobId, prepared(jobId, "stability"));

        assertThat(probe.readUntil(Topics.JOB_EVENTS,
                r -> r.key().equals(jobId) && r.value().contains("\"type\":\"failed\""), TIMEOUT))
                .filteredOn(r -> r.key().equals(jobId))
                .last()
                .satisfies(r -> assertThat(r.value()).contains("unknown_provider"));
    }

    @Test
    void deadLettersAPoisonRecordAndMovesOn() {
        String poison = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();

        probe.send(Topics.PROMPTS_INTERACTIVE, poison, "[1, 2, 3]");
        probe.send(Topics.PROMPTS_INTERACTIVE, next, prepared(next, "local"));

        assertThat(probe.readUntilKeys(Topics.deadLetter(Topics.PROMPTS_INTERACTIVE), List.of(poison), TIMEOUT))
                .extracting(r -> r.value())
                .contains("[1, 2, 3]");
        assertThat(probe.readUntil(Topics.JOB_EVENTS,
                r -> r.key().equals(next) && r.value().contains("\"type\":\"succeeded\""), TIMEOUT))
                .anyMatch(r -> r.key().equals(next) && r.value().contains("succeeded"));
    }

    private static String prepared(String jobId, String provider) {
        return """
                {"type":"prompt_prepared","jobId":"%s","at":"2026-11-27T10:15:30Z",
                 "description":"walnut desk organizer","category":"furniture","style":"studio",
                 "prompt":"Professional product photography of walnut desk organizer","negativePrompt":"blurry",
                 "settings":{"width":512,"height":512,"numImages":1,"guidanceScale":7.5,"numInferenceSteps":30,
                 "seed":5},
                 "provider":"%s","model":null,"lane":"interactive","callbackUrl":null}
                """.formatted(jobId, provider);
    }
}
