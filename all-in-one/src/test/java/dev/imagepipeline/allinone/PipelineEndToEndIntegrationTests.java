package dev.imagepipeline.allinone;

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
    void refusesAnInvalidJobAndPublishesNothing() throws Exception {
        var scenario = new PipelineScenario(port, bootstrapServers);
        scenario.refusesAnInvalidJobAndPublishesNothing();
    }
}
