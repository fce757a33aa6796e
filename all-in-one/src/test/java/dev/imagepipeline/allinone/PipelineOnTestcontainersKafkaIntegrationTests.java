package dev.imagepipeline.allinone;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same scenario with the runner pointed at a Kafka in a container, as users with Docker run it. Skipped where no
 * Docker engine is reachable.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(classes = AllInOneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PipelineOnTestcontainersKafkaIntegrationTests {

    @Container
    static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");

    @LocalServerPort
    int port;

    @BeforeAll
    static void pointTheRunnerAtTheContainer() {
        // Read by the runner before its context exists, exactly like the environment variable of the same name.
        System.setProperty(EmbeddedKafkaLauncher.EXTERNAL_BROKER, kafka.getBootstrapServers());
    }

    @AfterAll
    static void forgetTheContainer() {
        System.clearProperty(EmbeddedKafkaLauncher.EXTERNAL_BROKER);
    }

    @Test
    void generatesImagesAndStreamsTheJobToCompletion() throws Exception {
        new PipelineScenario(port, kafka.getBootstrapServers()).generatesImagesAndStreamsTheJobToCompletion();
    }

    @Test
    void refusesAnInvalidJobAndPublishesNothing() throws Exception {
        new PipelineScenario(port, kafka.getBootstrapServers()).refusesAnInvalidJobAndPublishesNothing();
    }
}
