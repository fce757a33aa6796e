package dev.imagepipeline.notifier.job;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One SSE event made once, as the bytes every stream it goes to writes. An event built with
 * {@link SseEmitter#event()} is serialised again for each stream and written in parts, each through the message
 * converters: with thousands of streams on one event, that was most of the notifier's work.
 */
final class SseFrame implements SseEmitter.SseEventBuilder {

    private final Set<DataWithMediaType> whole;

    private SseFrame(byte[] bytes) {
        this.whole = Set.of(new DataWithMediaType(bytes, MediaType.TEXT_EVENT_STREAM));
    }

    /** @param json one line of JSON, as Jackson writes it by default */
    static SseFrame of(String id, String name, String json) {
        return new SseFrame(
                ("id:" + id + "\nevent:" + name + "\ndata:" + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Set<DataWithMediaType> build() {
        return whole;
    }

    @Override
    public SseEmitter.SseEventBuilder id(String id) {
        throw made();
    }

    @Override
    public SseEmitter.SseEventBuilder name(String eventName) {
        throw made();
    }

    @Override
    public SseEmitter.SseEventBuilder reconnectTime(long reconnectTimeMillis) {
        throw made();
    }

    @Override
    public SseEmitter.SseEventBuilder comment(String comment) {
        throw made();
    }

    @Override
    public SseEmitter.SseEventBuilder data(Object object) {
        throw made();
    }

    @Override
    public SseEmitter.SseEventBuilder data(Object object, MediaType mediaType) {
        throw made();
    }

    private static UnsupportedOperationException made() {
        return new UnsupportedOperationException("An SSE frame is made whole, once");
    }
}
