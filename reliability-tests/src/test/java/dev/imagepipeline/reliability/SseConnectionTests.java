package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseConnectionTests {

    private final List<String> heard = new ArrayList<>();

    @Test
    void readsEventsAndCommentsOfAChunkedStreamWhateverWhereTheChunksEnd() throws Exception {
        String body = ":watching\n\nid:job-1:7\nevent:accepted\ndata:{\"type\":\"accepted\"}\n\n:keepalive\n\n";
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serve(server, "HTTP/1.1 200 \r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunked(body, 7));

            readAll(server);
        }

        assertThat(heard).containsExactly("comment watching", "event accepted job-1:7", "comment keepalive");
    }

    @Test
    void refusesAnAnswerThatIsNoStream() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            serve(server, "HTTP/1.1 401 \r\nContent-Length: 0\r\n\r\n");

            try (var connection = new SseConnection()) {
                assertThatExceptionOfType(IOException.class).isThrownBy(() -> connection.open(url(server), "key"))
                        .withMessageContaining("401");
            }
        }
    }

    private void readAll(ServerSocket server) throws IOException {
        try (var connection = new SseConnection()) {
            connection.open(url(server), "key");
            assertThatExceptionOfType(EOFException.class)
                    .isThrownBy(() -> connection.read(new SseConnection.Listener() {
                        @Override
                        public void comment(String text) {
                            heard.add("comment " + text);
                        }

                        @Override
                        public void event(String name, String id, long nanoTime) {
                            heard.add("event " + name + " " + id);
                        }
                    }));
        }
    }

    /** Answers one connection with the bytes given, after reading its request's head, then closes it. */
    private static void serve(ServerSocket server, String answer) {
        Thread.startVirtualThread(() -> {
            try (var socket = server.accept()) {
                var in = socket.getInputStream();
                int newlines = 0;
                while (newlines < 4) {
                    int b = in.read();
                    newlines = b == '\r' || b == '\n' ? newlines + 1 : 0;
                }
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The body in chunks of {@code size} bytes, so that lines are split across chunks, then the last chunk. */
    private static String chunked(String body, int size) {
        var out = new StringBuilder();
        for (int at = 0; at < body.length(); at += size) {
            String chunk = body.substring(at, Math.min(body.length(), at + size));
            out.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        return out.append("0\r\n\r\n").toString();
    }

    private static URI url(ServerSocket server) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/events");
    }
}
