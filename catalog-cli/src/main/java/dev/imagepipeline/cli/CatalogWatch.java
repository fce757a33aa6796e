package dev.imagepipeline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows a catalog's event stream to its final {@code progress}. A stream that drops, stalls or cannot be opened is
 * opened again after a growing pause, from the last event seen ({@code Last-Event-ID}), until the catalog ends or too
 * many attempts in a row fail.
 */
final class CatalogWatch {

    /** What the watch reports. */
    interface Listener {

        void progress(Progress progress);

        void item(Item item);

        void reconnecting(String why, Duration pause);
    }

    /** The pauses between attempts: doubling from {@code first} up to {@code longest}, at most {@code attempts}. */
    record Backoff(Duration first, Duration longest, int attempts) {

        Duration pause(int failures) {
            long millis = first.toMillis() << Math.min(failures - 1, 20);
            return Duration.ofMillis(Math.min(millis, longest.toMillis()));
        }
    }

    /** The stream could not be followed to the end. */
    static final class LostException extends IOException {

        LostException(String message) {
            super(message);
        }
    }

    private final CatalogClient client;
    private final Listener listener;
    private final Backoff backoff;
    private final Duration idleTimeout;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * @param idleTimeout how long a stream may send nothing, not even a heartbeat, before it counts as dropped
     */
    CatalogWatch(CatalogClient client, Listener listener, Backoff backoff, Duration idleTimeout) {
        this.client = client;
        this.listener = listener;
        this.backoff = backoff;
        this.idleTimeout = idleTimeout;
    }

    /** Follows the catalog until its final progress, and returns it. */
    Progress follow(String catalog) throws IOException, InterruptedException, ApiException {
        @Nullable
        String lastId = null;
        int failures = 0;
        while (true) {
            var attempt = new Attempt(lastId);
            String why;
            try (InputStream stream = client.events(catalog, lastId)) {
                attempt.read(stream);
                if (attempt.last != null && attempt.last.finished()) {
                    return attempt.last;
                }
                why = "the event stream ended before the catalog did";
            } catch (ApiException e) {
                // The event side may hear of a new catalog a moment after the upload, or lose it while it restarts;
                // a catalog still unknown on the third try has expired or never was.
                boolean notYetKnown = e.status() == 404 && failures < 2;
                if (!e.transientFailure() && !notYetKnown) {
                    throw e;
                }
                why = e.getMessage();
            } catch (IOException e) {
                why = "the event stream broke (" + e + ")";
            }
            lastId = attempt.lastId;
            failures = attempt.events > 0 ? 1 : failures + 1;
            if (failures > backoff.attempts()) {
                throw new LostException("Gave up following catalog " + catalog + " after " + backoff.attempts()
                        + " attempts in a row: " + why);
            }
            Duration pause = backoff.pause(failures);
            listener.reconnecting(why, pause);
            Thread.sleep(pause);
        }
    }

    /** One connection's reading, and what it got. */
    private final class Attempt {

        private @Nullable String lastId;
        private @Nullable Progress last;
        private int events;

        Attempt(@Nullable String lastId) {
            this.lastId = lastId;
        }

        void read(InputStream stream) throws IOException {
            var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            var heard = new AtomicLong(System.nanoTime());
            var sse = new ServerSentEvents(reader, lastId, () -> heard.set(System.nanoTime()));
            Thread watchdog = Thread.ofVirtual().start(() -> closeWhenIdle(stream, heard));
            try {
                sse.read(event -> {
                    lastId = sse.lastId();
                    events++;
                    return handle(event);
                });
            } finally {
                watchdog.interrupt();
            }
        }

        private boolean handle(ServerSentEvents.Event event) {
            try {
                switch (event.name()) {
                    case "progress" -> {
                        last = json.readValue(event.data(), Progress.class);
                        listener.progress(last);
                        return !last.finished();
                    }
                    case "item" -> listener.item(json.readValue(event.data(), Item.class));
                    default -> {
                        // Events a newer pipeline sends that this client does not know.
                    }
                }
            } catch (JacksonException unreadable) {
                // An event this client cannot read says nothing it needs; the next progress will.
            }
            return true;
        }
    }

    /** Closes a stream that has been silent for longer than the idle timeout, so that the reading ends. */
    private void closeWhenIdle(InputStream stream, AtomicLong heard) {
        try {
            while (true) {
                Thread.sleep(idleTimeout.dividedBy(4));
                if (System.nanoTime() - heard.get() > idleTimeout.toNanos()) {
                    stream.close();
                    return;
                }
            }
        } catch (InterruptedException | IOException done) {
            // The reading ended first, or the stream is closed already.
        }
    }
}
