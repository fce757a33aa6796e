package dev.imagepipeline.notifier.catalog;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.imagepipeline.contracts.CatalogId;
import dev.imagepipeline.notifier.job.SseStream;
import tools.jackson.databind.ObjectWriter;

/**
 * One client's SSE stream of one catalog: a {@code progress} event when it connects, again at most once every
 * {@link #PROGRESS_INTERVAL} while the catalog changes, an {@code item} event for each item that ends, and a last
 * {@code progress} when the catalog completes or is canceled, which ends the stream. It holds no items but the ended
 * ones its client has yet to read, and no event ids: a client that reconnects gets the catalog as it stands, not the
 * item events it missed; {@code /results} has every item.
 */
final class CatalogStream implements CatalogView.Subscriber {

    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    /** Ended items a client may fall behind by, as when a provider's outage fails a thousand jobs at once. */
    private static final int BACKLOG = 4096;

    private final CatalogView view;
    private final CatalogId id;
    private final ObjectWriter json;
    private final SseStream<Element> stream;
    // Set by the view, cleared by the writer: one pending change stands for any number, so they cannot fill the queue.
    private final AtomicBoolean changePending = new AtomicBoolean();

    // The writer's own, on the stream's thread.
    private boolean dirty;
    private boolean tickScheduled;
    private boolean endSent;
    private long nextProgress = System.nanoTime();

    CatalogStream(SseEmitter emitter, Duration heartbeat, CatalogView view, CatalogId id, ObjectWriter json) {
        this.view = view;
        this.id = id;
        this.json = json;
        this.stream = new SseStream<>(emitter, heartbeat, BACKLOG, this::write);
    }

    void start() {
        var subscription = view.subscribe(id, this);
        stream.start("sse-catalog-" + id, subscription::close);
    }

    @Override
    public void changed() {
        if (changePending.compareAndSet(false, true)) {
            stream.offer(Signal.CHANGED);
        }
    }

    @Override
    public void itemFinished(Item item) {
        stream.offer(new ItemEnded(item));
    }

    @Override
    public void ended() {
        stream.offer(Signal.ENDED);
    }

    private boolean write(SseEmitter emitter, Element element) throws IOException {
        return switch (element) {
            case ItemEnded ended -> {
                send(emitter, "item", ItemResult.of(ended.item()));
                yield false;
            }
            case Signal.CHANGED -> {
                changePending.set(false);
                dirty = true;
                yield progressIfDue(emitter);
            }
            case Signal.TICK -> {
                tickScheduled = false;
                yield progressIfDue(emitter);
            }
            // Every item event came before: the view heard them before the change that ended the catalog.
            case Signal.ENDED -> {
                if (!endSent) {
                    progress(emitter);
                }
                yield true;
            }
        };
    }

    /** Sends the catalog as it stands if it changed and the last progress is old enough; else asks to be woken. */
    private boolean progressIfDue(SseEmitter emitter) throws IOException {
        if (!dirty) {
            return false;
        }
        long wait = nextProgress - System.nanoTime();
        if (wait > 0) {
            if (!tickScheduled) {
                tickScheduled = true;
                CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(() -> stream.offer(Signal.TICK));
            }
            return false;
        }
        dirty = false;
        nextProgress = System.nanoTime() + PROGRESS_INTERVAL.toNanos();
        return !progress(emitter);
    }

    /** @return whether the view still holds the catalog */
    private boolean progress(SseEmitter emitter) throws IOException {
        var catalog = view.find(id);
        if (catalog.isPresent()) {
            send(emitter, "progress", catalog.get());
            // An ended catalog does not change until an upload sent again adds items, which ends no stream.
            endSent = catalog.get().status().finished();
        }
        return catalog.isPresent();
    }

    private void send(SseEmitter emitter, String name, Object data) throws IOException {
        emitter.send(SseEmitter.event().name(name).data(json.writeValueAsString(data), MediaType.APPLICATION_JSON));
    }

    /** What the stream's thread writes, in the order the view told it. */
    private sealed interface Element {
    }

    /** An item that ended, with how. */
    private record ItemEnded(Item item) implements Element {
    }

    private enum Signal implements Element {
        /** The catalog changed since the last progress was taken. */
        CHANGED,
        /** The stream's own reminder that a delayed progress is due. */
        TICK,
        /** The catalog completed or was canceled. */
        ENDED
    }
}
