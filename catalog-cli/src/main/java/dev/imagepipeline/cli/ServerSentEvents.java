package dev.imagepipeline.cli;

import java.io.BufferedReader;
import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code text/event-stream} as the HTML standard defines it: {@code event}, {@code data} (joined over
 * lines), {@code id}; a blank line ends an event; a line starting with a colon is a comment, such as a heartbeat.
 */
final class ServerSentEvents {

    /** One event; {@code id} is the last id the stream named, for {@code Last-Event-ID}. */
    record Event(String name, String data, @Nullable String id) {
    }

    /** What the reader does with each event: {@code true} to read on, {@code false} to stop. */
    interface Handler {
        boolean on(Event event);
    }

    private final BufferedReader in;
    private final Runnable activity;
    private @Nullable String lastId;

    /**
     * @param activity called for every line, comments too, so that an idle stream can be told from a quiet one
     */
    ServerSentEvents(BufferedReader in, @Nullable String lastId, Runnable activity) {
        this.in = in;
        this.lastId = lastId;
        this.activity = activity;
    }

    /** Reads events until the handler stops or the stream ends; {@code false} when the stream ended first. */
    boolean read(Handler handler) throws IOException {
        String name = "message";
        var data = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            activity.run();
            if (line.isEmpty()) {
                if (!data.isEmpty() && !handler.on(new Event(name, data.substring(0, data.length() - 1), lastId))) {
                    return true;
                }
                name = "message";
                data.setLength(0);
            } else if (!line.startsWith(":")) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
                switch (field) {
                    case "event" -> name = value;
                    case "data" -> data.append(value).append('\n');
                    case "id" -> lastId = value.indexOf('\0') < 0 ? value : lastId;
                    default -> {
                        // retry, and fields a later standard may add: the reconnect back-off is this client's own
                    }
                }
            }
        }
        return false;
    }

    @Nullable
    String lastId() {
        return lastId;
    }
}
