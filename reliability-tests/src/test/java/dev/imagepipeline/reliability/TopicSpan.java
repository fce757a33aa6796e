package dev.imagepipeline.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A topic's records written from a moment on, read after a run: how many, how large, and when the first and the last
 * were written (the broker keeps each record's send time, to the millisecond), hence the rate they were written at.
 *
 * @param records records written since the moment that the filter kept
 * @param firstMillis, lastMillis when the first and the last of them were written (epoch milliseconds)
 * @param meanSize their mean size, key and value
 */
record TopicSpan(long records, long firstMillis, long lastMillis, int meanSize) {

    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"(\\w+)\"");
    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled");

    /** Keeps every record. */
    static final Predicate<String> ALL = value -> true;
    /** Keeps a job's terminal events. */
    static final Predicate<String> TERMINAL_EVENTS = value -> {
        var type = TYPE.matcher(value);
        return type.find() && TERMINAL.contains(type.group(1));
    };

    static TopicSpan since(String bootstrapServers, String topic, long sinceMillis, Predicate<String> keep) {
        var tally = new Tally();
        TopicDump.forEach(bootstrapServers, topic, Duration.ofMinutes(10), record -> {
            if (record.timestamp() >= sinceMillis && record.value() != null
                    && keep.test(new String(record.value(), StandardCharsets.UTF_8))) {
                tally.add(record.timestamp(), record.value().length + (record.key() == null ? 0 : record.key().length));
            }
        });
        return new TopicSpan(tally.records, tally.first, tally.last,
                tally.records == 0 ? 0 : (int) (tally.bytes / tally.records));
    }

    /** Records a second, from the first to the last. */
    double perSecond() {
        return lastMillis > firstMillis ? (records - 1) / ((lastMillis - firstMillis) / 1000.0) : Double.NaN;
    }

    private static final class Tally {

        long records;
        long bytes;
        long first = Long.MAX_VALUE;
        long last;

        void add(long timestamp, int size) {
            records++;
            bytes += size;
            first = Math.min(first, timestamp);
            last = Math.max(last, timestamp);
        }
    }
}
