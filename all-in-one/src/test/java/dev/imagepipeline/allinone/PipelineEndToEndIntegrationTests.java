package dev.imagepipeline.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The whole pipeline in the runner, against the real broker the runner embeds. */
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pipeline.runner.broker-port=0")
class PipelineEndToEndIntegrationTests {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void generatesImagesAndStreamsTheJobToCompletion() throws Exception {
        new PipelineScenario(port, bootstrapServers).generatesImagesAndStreamsTheJobToCompletion();
    }

    @Test
    void answersASubmitterWhoWaitsWithTheFinishedJob() throws Exception {
        var runner = new RunnerClient(port);
        var response = runner.send(HttpRequest.newBuilder(runner.uri("/api/generate"))
                .header("Content-Type", "application/json")
                .header("Prefer", "wait=30")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"description":"walnut serving board","category":"kitchenware","style":"flat_lay",
                         "settings":{"num_images":1,"resolution":"512x512"}}
                        """))
                .build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Preference-Applied")).hasValue("wait=30");
        var job = runner.json(response.body());
        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/generate/" + job.get("id").asString());
        assertThat(runner.decodedWidth(job.get("images").get(0).get("url").asString())).isEqualTo(512);
        assertThat(job.get("prompt").asString()).contains("walnut serving board");
        // The same body a client reading the job gets.
        assertThat(runner.status(job.get("id").asString())).isEqualTo(job);
    }

    @Test
    void refusesAnInvalidJobAndPublishesNothing() throws Exception {
        var scenario = new PipelineScenario(port, bootstrapServers);
        scenario.refusesAnInvalidJobAndPublishesNothing();
    }
}
