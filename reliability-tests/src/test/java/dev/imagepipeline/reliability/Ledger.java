package dev.imagepipeline.reliability;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Topics;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The completion topic as an event consumer reads it: every partition from the start, without a group, through the
 * broker's restart; each job's events kept in the order the topic holds them.
 */
final class Ledger implements AutoCloseable {

    /** One record of the completion topic as the suite reads it; {@code type} is {@code ?} for one that is no event. */
    record Event(String job, String type, @Nullable String reason, @Nullable String message, List<String> images,
            @Nullable String catalog, @Nullable Instant at) {

        boolean terminal() {
            return type.equals("succeeded") || type.equals("failed") || type.equals("canceled");
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private final Map<String, List<Event>> byJob = new LinkedHashMap<>();
    private int records;
    private volatile boolean caughtUp;

    Ledger(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        reader = Thread.ofPlatform().name("ledger").daemon().start(this::read);
    }

    private void read() {
        try {
            var partitions = partitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!Thread.currentThread().isInterrupted()) {
                var polled = consumer.poll(Duration.ofMillis(200));
                polled.forEach(this::add);
                caughtUp = polled.isEmpty()
                        && partitions.stream().allMatch(partition -> consumer.currentLag(partition).orElse(1) == 0);
            }
        } catch (WakeupException e) {
            // close() asked the consumer to stop.
        }
    }

    private List<TopicPartition> partitions() {
        while (true) {
            var found = consumer.partitionsFor(Topics.JOB_EVENTS, Duration.ofSeconds(10));
            if (!found.isEmpty()) {
                return found.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
        }
    }

    private synchronized void add(ConsumerRecord<String, String> record) {
        records++;
        String job = record.key() == null ? "" : record.key();
        byJob.computeIfAbsent(job, key -> new ArrayList<>()).add(event(job, record.value()));
    }

    private Event event(String job, @Nullable String value) {
        try {
            var node = value == null ? null : json.readTree(value);
            if (node == null || !node.isObject() || !node.path("type").isString()) {
                return new Event(job, "?", null, null, List.of(), null, null);
            }
            var images = new ArrayList<String>();
            node.path("images").forEach(image -> images.add(image.path("url").asString("")));
            return new Event(job, node.get("type").asString(), text(node.get("reason")), text(node.get("message")),
                    images, text(node.path("catalog").get("catalogId")), instant(text(node.get("at"))));
        } catch (JacksonException e) {
            return new Event(job, "?", null, null, List.of(), null, null);
        }
    }

    private static @Nullable Instant instant(@Nullable String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable String text(@Nullable JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    /** Whether the suite has read every record the topic held at its last fetch, and nothing came since. */
    boolean caughtUp() {
        return caughtUp;
    }

    synchronized int records() {
        return records;
    }

    /** How many of the jobs have a terminal event. */
    synchronized int ended(Set<String> jobs) {
        return (int) jobs.stream()
                .filter(job -> byJob.getOrDefault(job, List.of()).stream().anyMatch(Event::terminal))
                .count();
    }

    /** The jobs the completion topic says a catalog has, by its {@code accepted} events. */
    synchronized Set<String> acceptedWith(String catalog) {
        var jobs = new HashSet<String>();
        byJob.forEach((job, events) -> events.stream()
                .filter(event -> event.type().equals("accepted") && catalog.equals(event.catalog()))
                .findAny()
                .ifPresent(event -> jobs.add(job)));
        return jobs;
    }

    /** Every job's events, in order. */
    synchronized Map<String, List<Event>> events() {
        var copy = new HashMap<String, List<Event>>();
        byJob.forEach((job, events) -> copy.put(job, List.copyOf(events)));
        return copy;
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
