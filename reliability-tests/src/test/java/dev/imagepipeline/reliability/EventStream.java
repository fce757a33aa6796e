package dev.imagepipeline.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client's live SSE stream of every event of its jobs ({@code GET /api/events} on result-notifier), read as it comes:
 * when each job's terminal event arrived here, and the time each of its steps stamped on its event.
 */
final class EventStream implements AutoCloseable {

    private static final Set<String> TERMINAL = Set.of("succeeded", "failed", "canceled");

    /** What the stream told of one job. */
    static final class Job {

        private final Map<String, Instant> steps = new ConcurrentHashMap<>();
        private volatile @Nullable String end;
        private volatile long endedNanos;
        private volatile @Nullable Instant endedAt;

        /** The {@code at} of the job's first event of the type given. */
        Optional<Instant> step(String type) {
            return Optional.ofNullable(steps.get(type));
        }

        /** {@link System#nanoTime()} when its terminal event arrived. */
        long endedNanos() {
            return endedNanos;
        }

        /** The wall-clock time its terminal event arrived. */
        @Nullable
        Instant endedAt() {
            return endedAt;
        }

        @Nullable
        String end() {
            return end;
        }
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final CountDownLatch watching = new CountDownLatch(1);
    private final Stream<String> lines;
    private @Nullable String id;
    private @Nullable String type;
    private volatile boolean closed;

    private EventStream(Stream<String> lines) {
        this.lines = lines;
    }

    /** Opens the stream, and returns once result-notifier says it is watching. */
    static EventStream open(URI notifier, String apiKey) throws IOException, InterruptedException {
        var http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        var answer = http.send(HttpRequest.newBuilder(notifier.resolve("/api/events"))
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "text/event-stream")
                .build(), HttpResponse.BodyHandlers.ofLines());
        if (answer.statusCode() != 200) {
            answer.body().close();
            throw new IllegalStateException("GET /api/events answered " + answer.statusCode());
        }
        var stream = new EventStream(answer.body());
        Thread.ofPlatform().name("event-stream").daemon().start(stream::read);
        if (!stream.watching.await(30, TimeUnit.SECONDS)) {
            stream.close();
            throw new IllegalStateException("GET /api/events never said it was watching");
        }
        return stream;
    }

    private void read() {
        try {
            lines.forEach(this::line);
        } catch (UncheckedIOException e) {
            if (!closed) {
                System.out.println("[benchmark] the event stream broke off: " + e.getMessage());
            }
        }
    }

    private void line(String line) {
        if (line.startsWith(":")) {
            watching.countDown();
        } else if (line.startsWith("id:")) {
            String value = line.substring(3).strip();
            int colon = value.indexOf(':');
            id = colon < 0 ? value : value.substring(0, colon);
        } else if (line.startsWith("event:")) {
            type = line.substring(6).strip();
        } else if (line.startsWith("data:") && id != null && type != null) {
            event(id, type, line.substring(5));
        } else if (line.isEmpty()) {
            id = null;
            type = null;
        }
    }

    private void event(String id, String type, String data) {
        long nanos = System.nanoTime();
        var job = jobs.computeIfAbsent(id, key -> new Job());
        at(data).ifPresent(at -> job.steps.putIfAbsent(type, at));
        if (TERMINAL.contains(type) && job.end == null) {
            job.endedNanos = nanos;
            job.endedAt = Instant.now();
            job.end = type;
        }
    }

    private Optional<Instant> at(String data) {
        try {
            return Optional.of(Instant.parse(json.readTree(data).path("at").asString()));
        } catch (JacksonException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Waits until every job given has had its terminal event. */
    void awaitEnded(Collection<String> ids, Duration within) {
        await().atMost(within)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ids.stream().allMatch(job -> job(job).end() != null));
    }

    Job job(String id) {
        return jobs.getOrDefault(id, new Job());
    }

    @Override
    public void close() {
        closed = true;
        lines.close();
    }
}
