package dev.imagepipeline.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A poor man's profile of a service under load: a few thread dumps ({@code jcmd <pid> Thread.print}) kept beside its
 * log, and, for each Kafka listener thread, where the samples found it: the pipeline's own frames it was in, or
 * polling.
 */
final class ThreadSample {

    /** A spring-kafka listener thread: {@code <listener id>-<n>-C-<n>}. */
    private static final Pattern LISTENER = Pattern.compile("^\"([^\"]+-C-\\d+)\"");
    private static final Pattern OWN_FRAME = Pattern.compile("at (dev\\.imagepipeline\\.[\\w.$]+)\\(");

    private ThreadSample() {
    }

    /** @return a line per listener thread: its name, and where the samples found it, most often first */
    static List<String> take(String name, long pid, Path logs, int samples, Duration apart) throws IOException {
        Path file = logs.resolve(name + "-threads.txt");
        Files.deleteIfExists(file);
        var seen = new TreeMap<String, Map<String, Integer>>();
        for (int sample = 0; sample < samples; sample++) {
            if (sample > 0) {
                // Spacing the samples, not waiting for a result.
                LockSupport.parkNanos(apart.toNanos());
            }
            String dump = ProcessUsage.threadDump(pid);
            Files.writeString(file, dump + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            for (String thread : dump.split("\n\n")) {
                var listener = LISTENER.matcher(thread);
                if (listener.find()) {
                    seen.computeIfAbsent(listener.group(1), key -> new TreeMap<>())
                            .merge(where(thread), 1, Integer::sum);
                }
            }
        }
        return seen.entrySet()
                .stream()
                .map(thread -> thread.getKey() + " "
                        + thread.getValue()
                                .entrySet()
                                .stream()
                                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                                .map(where -> where.getKey() + " ×" + where.getValue())
                                .collect(Collectors.joining(", ")))
                .toList();
    }

    /** The innermost and the outermost of the pipeline's frames, such as an await inside a listener. */
    private static String where(String thread) {
        var frames = OWN_FRAME.matcher(thread);
        var own = new ArrayList<String>();
        while (frames.find()) {
            String frame = frames.group(1);
            own.add(frame.substring(frame.lastIndexOf('.', frame.lastIndexOf('.') - 1) + 1));
        }
        if (own.isEmpty()) {
            return thread.contains("KafkaConsumer.poll") ? "polling" : "elsewhere";
        }
        return own.size() == 1 ? "in " + own.getFirst() : "in " + own.getFirst() + " ← " + own.getLast();
    }
}
