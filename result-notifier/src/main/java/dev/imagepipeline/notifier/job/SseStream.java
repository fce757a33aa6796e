package dev.imagepipeline.notifier.job;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import tools.jackson.databind.ObjectWriter;

/**
 * One client's SSE stream of one job. The view hands entries over without blocking; a virtual thread of the stream's
 * own writes them in order, sends a heartbeat comment when the job is quiet, and ends the stream after the terminal
 * event. A client that stops reading holds up only its own stream.
 */
final class SseStream {

    private static final int BACKLOG = 256;

    private final SseEmitter emitter;
    private final ObjectWriter json;
    private final Duration heartbeat;
    private final BlockingQueue<JobEntry> pending = new ArrayBlockingQueue<>(BACKLOG);
    private volatile boolean open = true;

    SseStream(SseEmitter emitter, ObjectWriter json, Duration heartbeat) {
        this.emitter = emitter;
        this.json = json;
        this.heartbeat = heartbeat;
        emitter.onCompletion(this::close);
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> close());
    }

    /** Takes an entry from the view; never blocks. */
    void offer(JobEntry entry) {
        if (open && !pending.offer(entry)) {
            // Hundreds of events behind on one job: the client is not reading.
            close();
            emitter.completeWithError(new IOException("SSE client fell too far behind"));
        }
    }

    /** Writes until the terminal event, the client leaving, or the stream's timeout. */
    void start(String name, Runnable onEnd) {
        Thread.ofVirtual().name(name).start(() -> {
            try {
                drain();
            } finally {
                onEnd.run();
            }
        });
    }

    private void drain() {
        try {
            while (open) {
                JobEntry entry = pending.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (entry == null) {
                    emitter.send(SseEmitter.event().comment("keepalive"));
                } else {
                    send(entry);
                }
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the emitter timed out.
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(JobEntry entry) throws IOException {
        emitter.send(SseEmitter.event()
                .id(Long.toString(entry.offset()))
                .name(JobEventNames.of(entry.event()))
                .data(json.writeValueAsString(entry.event()), MediaType.APPLICATION_JSON));
        if (entry.event().terminal()) {
            close();
            emitter.complete();
        }
    }

    private void close() {
        open = false;
    }
}
