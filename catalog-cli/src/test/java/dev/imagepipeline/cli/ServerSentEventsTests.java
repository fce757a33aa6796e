package dev.imagepipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ServerSentEventsTests {

    @Test
    void readsNamedEventsWithTheirLastId() throws IOException {
        var events = read("""
                id: 1
                event: progress
                data: {"status":"queued"}

                event: item
                data: {"sku":"A"}

                """);

        assertThat(events).containsExactly(new ServerSentEvents.Event("progress", "{\"status\":\"queued\"}", "1"),
                new ServerSentEvents.Event("item", "{\"sku\":\"A\"}", "1"));
    }

    @Test
    void joinsDataLinesAndSkipsCommentsAndUnknownFields() throws IOException {
        var events = read(": heartbeat\r\n\r\nretry: 3000\r\ndata:first\r\ndata: second\r\nflavour: mint\r\n\r\n");

        assertThat(events).containsExactly(new ServerSentEvents.Event("message", "first\nsecond", null));
    }

    @Test
    void dropsAnEventTheStreamEndedIn() throws IOException {
        var events = read("""
                event: progress
                data: {"status":"completed"}
                """);

        assertThat(events).isEmpty();
    }

    @Test
    void countsEveryLineAsActivityHeartbeatsToo() throws IOException {
        var activity = new AtomicInteger();
        new ServerSentEvents(new BufferedReader(new StringReader(": heartbeat\n\n: heartbeat\n\n")), null,
                activity::incrementAndGet).read(event -> true);

        assertThat(activity).hasValue(4);
    }

    @Test
    void stopsWhenTheHandlerSaysSo() throws IOException {
        var seen = new ArrayList<String>();
        boolean stopped = new ServerSentEvents(new BufferedReader(new StringReader("data: 1\n\ndata: 2\n\n")), null,
                () -> {
                }).read(event -> !seen.add(event.data()));

        assertThat(stopped).isTrue();
        assertThat(seen).containsExactly("1");
    }

    private static List<ServerSentEvents.Event> read(String stream) throws IOException {
        var events = new ArrayList<ServerSentEvents.Event>();
        boolean stopped = new ServerSentEvents(new BufferedReader(new StringReader(stream)), null, () -> {
        }).read(events::add);
        assertThat(stopped).isFalse();
        return events;
    }
}
