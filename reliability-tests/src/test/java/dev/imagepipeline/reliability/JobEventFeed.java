package dev.imagepipeline.reliability;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.imagepipeline.contracts.Topics;

/**
 * A job's events written straight to the completion topic, as the workers would publish them, so that result-notifier
 * can be measured alone: {@code accepted} (naming the client, which makes the job the client's), {@code progress},
 * then {@code succeeded}. Each is sent and acknowledged before the call returns.
 */
final class JobEventFeed implements AutoCloseable {

    /** The events of one job, in order. */
    static final List<String> TYPES = List.of("accepted", "progress", "succeeded");

    private static final String ACCEPTED = """
            {"type":"accepted","version":1,"jobId":"%s","at":"%s","description":"fan-out probe: stoneware mug",\
            "category":"kitchenware","style":"white_background",\
            "settings":{"numImages":1,"resolution":"1024x1024","guidanceScale":null,"seed":null},"provider":null,\
            "lane":"interactive","callbackUrl":null,"catalog":null,"client":"%s"}""";
    private static final String PROGRESS = """
            {"type":"progress","version":1,"jobId":"%s","at":"%s","percent":50,"message":"rendered image 1 of 1"}""";
    private static final String SUCCEEDED = """
            {"type":"succeeded","version":1,"jobId":"%s","at":"%s","provider":"local","model":"preview","seed":42,\
            "images":[{"url":"http://localhost:8080/api/images/Zm9vYmFyYmF6cXV4.png","width":1024,"height":1024,\
            "contentType":"image/png","expiresAt":"%s"}],"warnings":[],"runs":[]}""";

    private final KafkaProducer<String, String> producer;
    private final String client;

    JobEventFeed(String bootstrapServers, String client) {
        this.client = client;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(),
                new StringSerializer());
    }

    static String newJob() {
        return UUID.randomUUID().toString();
    }

    /** Sends the job's event of this type and waits for the broker's acknowledgement. */
    void send(String job, String type) {
        Instant now = Instant.now();
        String value = switch (type) {
            case "accepted" -> ACCEPTED.formatted(job, now, client);
            case "progress" -> PROGRESS.formatted(job, now);
            case "succeeded" -> SUCCEEDED.formatted(job, now, now.plusSeconds(3600));
            default -> throw new IllegalArgumentException("No event of type " + type);
        };
        try {
            producer.send(new ProducerRecord<>(Topics.JOB_EVENTS, job, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not publish the " + type + " of " + job, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
