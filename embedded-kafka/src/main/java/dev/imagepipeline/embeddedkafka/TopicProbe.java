package dev.imagepipeline.embeddedkafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Test support: writes raw records to a topic and reads what a topic holds, with plain Kafka clients, so a test sees
 * the wire exactly as an external consumer would.
 */
public final class TopicProbe {

    private final String bootstrapServers;

    public TopicProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Sends one record with a string key and value and waits for the broker's acknowledgement.
     *
     * @param value none for a tombstone
     */
    public void send(String topic, String key, @Nullable String value) {
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    /**
     * Sends records with string keys and values through one producer at once and waits for them all, so that a consumer
     * that keeps up reads them in one poll.
     */
    public void sendTogether(String topic, List<Map.Entry<String, String>> records) {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 50), new StringSerializer(),
                new StringSerializer())) {
            var sent = records.stream()
                    .map(record -> producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())))
                    .toList();
            for (var future : sent) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    /**
     * Reads the topic from the beginning until a record matches or the time is up, and returns every record read.
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<ConsumerRecord<String, String>> done,
            Duration timeout) {
        var records = new ArrayList<ConsumerRecord<String, String>>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(record);
                    if (done.test(record)) {
                        return records;
                    }
                }
            }
        }
        return records;
    }

    /** Reads the topic from the beginning until a record with each of the keys was read, or the time is up. */
    public List<ConsumerRecord<String, String>> readUntilKeys(String topic, Collection<String> keys, Duration timeout) {
        var missing = new HashSet<>(keys);
        return readUntil(topic, record -> missing.remove(record.key()) && missing.isEmpty(), timeout);
    }

    /** Reads every record the topic holds now, waiting at most {@code quiet} for stragglers. */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        return readUntil(topic, record -> false, quiet);
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new StringDeserializer());
    }

    /** The value of a record as text, for assertions on headers. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
