package dev.imagepipeline.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Topics;

/**
 * Records no service can use, for every topic: text that is not JSON, JSON of no known shape, an array, and a tombstone;
 * half keyed by a job id no job has, half by a key that is no job id.
 */
final class MalformedRecords {

    /** One record as it was sent. */
    record Sent(String topic, String key, @Nullable String value) {

        /** Whether a worker group owns the topic's work, and so sets aside what it cannot read on the topic's twin. */
        boolean deadLettered() {
            return Topics.WORK.contains(topic);
        }

        /** Whether it is a JSON object at all: a reader may take one that lacks what it needs. */
        boolean object() {
            return value != null && value.startsWith("{");
        }

        /** Whether the key names a job, which a worker then ends as failed. */
        boolean namesJob() {
            return key.length() == 36 && !key.startsWith("malformed-");
        }
    }

    private MalformedRecords() {
    }

    static List<Sent> forEveryTopic() {
        var records = new ArrayList<Sent>();
        for (String topic : Topics.ALL) {
            String name = topic.substring(topic.indexOf('.') + 1);
            String job = UUID.randomUUID().toString();
            records.add(new Sent(topic, "malformed-" + name + "-text", "this is not JSON {"));
            records.add(new Sent(topic, job, """
                    {"version":1,"type":"teleported","jobId":"%s","unexpected":true}""".formatted(job)));
            records.add(new Sent(topic, "malformed-" + name + "-array", "[1,2,3]"));
            records.add(new Sent(topic, UUID.randomUUID().toString(), null));
        }
        return records;
    }

    static void send(String bootstrapServers, List<Sent> records) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (var record : records) {
                producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send the malformed records", e);
        }
    }
}
