package dev.imagepipeline.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.reliability.MalformedRecords.Sent;

/**
 * What one work topic's {@code -dlt} twin holds, against the malformed records sent to the topic: a record is the same
 * when its key, its value and the topic it came from are.
 *
 * @param missing malformed records that did not reach the dead-letter topic
 * @param copies malformed records dead-lettered more than once: each copy beyond the first
 * @param foreign records on the dead-letter topic that the suite did not send malformed: real work set aside
 */
record DeadLetters(String topic, int sent, int held, List<String> missing, List<String> copies, List<String> foreign) {

    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";

    static DeadLetters of(String topic, List<Sent> sent, Function<String, List<ConsumerRecord<byte[], byte[]>>> read) {
        var expected = sent.stream()
                .filter(record -> record.topic().equals(topic))
                .map(record -> identity(topic, record.key(), record.value()))
                .toList();
        var held = read.apply(Topics.deadLetter(topic));
        var missing = new ArrayList<>(expected);
        var seen = new HashSet<String>();
        var copies = new ArrayList<String>();
        var foreign = new ArrayList<String>();
        for (var record : held) {
            var header = record.headers().lastHeader(ORIGINAL_TOPIC);
            String identity = identity(header == null ? "?" : text(header.value()), text(record.key()),
                    text(record.value()));
            if (!expected.contains(identity)) {
                foreign.add(identity);
            } else if (!seen.add(identity)) {
                copies.add(identity);
            } else {
                missing.remove(identity);
            }
        }
        return new DeadLetters(topic, expected.size(), held.size(), missing, copies, foreign);
    }

    private static String identity(@Nullable String topic, @Nullable String key, @Nullable String value) {
        String shown = value == null ? "<tombstone>" : value.length() > 200 ? value.substring(0, 200) + "…" : value;
        return topic + " " + key + " = " + shown;
    }

    private static @Nullable String text(byte @Nullable [] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
