package dev.imagepipeline.reliability;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** The sizes of the records the pipeline wrote, so that the raw baseline moves records of the same sizes. */
final class RecordSizes {

    private RecordSizes() {
    }

    /** The mean size, key and value, of the topic's records whose value holds the text given (any, when empty). */
    static int mean(String bootstrapServers, String topic, String holding) {
        var count = new LongAdder();
        var bytes = new LongAdder();
        TopicDump.forEach(bootstrapServers, topic, Duration.ofMinutes(5), record -> {
            byte[] value = record.value() == null ? new byte[0] : record.value();
            if (holding.isEmpty() || new String(value, java.nio.charset.StandardCharsets.UTF_8).contains(holding)) {
                count.increment();
                bytes.add(value.length + (record.key() == null ? 0 : record.key().length));
            }
        });
        if (count.sum() == 0) {
            throw new IllegalStateException("No record on " + topic + " holds " + holding);
        }
        return (int) (bytes.sum() / count.sum());
    }
}
