package dev.imagepipeline.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads every record a topic holds, as raw bytes with its headers, up to the end it has when asked. */
final class TopicDump {

    private TopicDump() {
    }

    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic) {
        var records = new ArrayList<ConsumerRecord<byte[], byte[]>>();
        forEach(bootstrapServers, topic, Duration.ofMinutes(1), records::add);
        return records;
    }

    /** Hands every record the topic holds to {@code each} without keeping them: a topic may hold millions. */
    static void forEach(String bootstrapServers, String topic, Duration within,
            Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Instant deadline = Instant.now().plus(within);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Could not read " + topic + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }
}
