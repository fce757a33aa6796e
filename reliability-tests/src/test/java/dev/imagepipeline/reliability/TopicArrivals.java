package dev.imagepipeline.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.imagepipeline.contracts.Topics;

/**
 * A plain consumer of the topics a single job crosses, reading from their ends as the services' consumers do: when each
 * job's record became readable there ({@code pipeline.requests}, {@code pipeline.prompts.interactive}, and its
 * {@code succeeded} on {@code pipeline.job-events}). It tells the Kafka hop apart from the service that reads it.
 */
final class TopicArrivals implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.REQUESTS, Topics.PROMPTS_INTERACTIVE, Topics.JOB_EVENTS);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Map<String, Instant>> arrivals = new ConcurrentHashMap<>();
    private final Thread reader;

    TopicArrivals(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = TOPICS.stream()
                .flatMap(topic -> consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolves the end offsets now, so that nothing sent from here on is skipped.
        partitions.forEach(consumer::position);
        reader = Thread.ofPlatform().name("topic-arrivals").daemon().start(this::read);
    }

    private void read() {
        try {
            while (true) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    arrived(record, Instant.now());
                }
            }
        } catch (WakeupException e) {
            // Closed.
        }
    }

    private void arrived(ConsumerRecord<String, byte[]> record, Instant at) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        if (record.topic().equals(Topics.JOB_EVENTS)
                && !new String(record.value(), StandardCharsets.UTF_8).contains("\"type\":\"succeeded\"")) {
            return;
        }
        arrivals.computeIfAbsent(record.topic(), topic -> new ConcurrentHashMap<>()).putIfAbsent(record.key(), at);
    }

    /** When the job's record (on the completion topic: its {@code succeeded}) could first be read from the topic. */
    Optional<Instant> arrival(String topic, String job) {
        return Optional.ofNullable(arrivals.getOrDefault(topic, Map.of()).get(job));
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            reader.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
