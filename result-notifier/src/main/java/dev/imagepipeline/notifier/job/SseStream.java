package dev.imagepipeline.notifier.job;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's SSE stream. Its source hands elements over without blocking; a virtual thread of the stream's own
 * writes them in order, sends a heartbeat comment when nothing comes, and ends the stream after the element its writer
 * calls the last. A client that stops reading holds up only its own stream.
 *
 * @param <T> what the source hands over: a job's entries, a catalog's updates
 */
public final class SseStream<T> {

    // Counted across the JVM: the streams are made by several controllers, and a gauge reads one number.
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final SseEmitter emitter;
    private final Duration heartbeat;
    private final Writer<T> writer;
    private final BlockingQueue<T> pending;
    private volatile boolean open = true;

    /**
     * @param backlog how many elements may wait for the client; one more means it is not reading, and ends the stream
     */
    public SseStream(SseEmitter emitter, Duration heartbeat, int backlog, Writer<T> writer) {
        this.emitter = emitter;
        this.heartbeat = heartbeat;
        this.writer = writer;
        // Linked, not an array: a bound of thousands would otherwise be allocated up front, for each idle stream.
        this.pending = new LinkedBlockingQueue<>(backlog);
        emitter.onCompletion(this::close);
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> close());
    }

    /** Takes an element from the source; never blocks. */
    public void offer(T element) {
        if (open && !pending.offer(element)) {
            // The whole backlog is waiting: the client is not reading.
            close();
            emitter.completeWithError(new IOException("SSE client fell too far behind"));
        }
    }

    /** Writes until the last element, the client leaving, or the stream's timeout. */
    public void start(String name, Runnable onEnd) {
        OPEN.incrementAndGet();
        Thread.ofVirtual().name(name).start(() -> {
            try {
                drain();
            } finally {
                OPEN.decrementAndGet();
                onEnd.run();
            }
        });
    }

    private void drain() {
        try {
            while (open) {
                T element = pending.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (element == null) {
                    emitter.send(SseEmitter.event().comment("keepalive"));
                } else if (writer.write(emitter, element)) {
                    close();
                    emitter.complete();
                }
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the emitter timed out.
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SSE streams open now, of jobs and catalogs alike. */
    public static int openStreams() {
        return OPEN.get();
    }

    private void close() {
        open = false;
    }

    /** Writes one element as SSE events. */
    @FunctionalInterface
    public interface Writer<T> {

        /** @return whether the element was the stream's last */
        boolean write(SseEmitter emitter, T element) throws IOException;
    }
}
