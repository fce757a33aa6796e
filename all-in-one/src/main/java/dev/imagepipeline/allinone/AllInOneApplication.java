package dev.imagepipeline.allinone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import dev.imagepipeline.generation.GenerationWorkerApplication;
import dev.imagepipeline.ingest.IngestApiApplication;
import dev.imagepipeline.notifier.ResultNotifierApplication;
import dev.imagepipeline.prompt.PromptWorkerApplication;
import dev.imagepipeline.webhook.WebhookReceiverApplication;

/**
 * The whole pipeline in one JVM on one port. The five services are composed as they are, not rewired; the embedded
 * broker comes from {@link EmbeddedKafkaLauncher} unless {@code KAFKA_BOOTSTRAP_SERVERS} names another.
 */
@SpringBootApplication
@Import({IngestApiApplication.class, PromptWorkerApplication.class, GenerationWorkerApplication.class,
        WebhookReceiverApplication.class, ResultNotifierApplication.class})
public class AllInOneApplication {

    public static void main(String[] args) {
        SpringApplication.run(AllInOneApplication.class, args);
    }
}
