package dev.imagepipeline.reliability;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One SSE stream over a plain HTTP/1.1 connection: the request written by hand, the response's chunked body decoded,
 * and its lines handed over as they arrive. Small on purpose (a socket, a 1 KB buffer, a line), so that one JVM holds
 * ten thousand of them on virtual threads.
 */
final class SseConnection implements AutoCloseable {

    /** What the stream says, line by line; the time is when the line's last byte was read. */
    interface Listener {

        /** A {@code :comment} line, without its colon. */
        void comment(String text);

        /** A complete event, with data: its name and id, the time its closing blank line arrived. */
        void event(String name, String id, long nanoTime);
    }

    private final Socket socket = new Socket();
    private final StringBuilder line = new StringBuilder(128);
    private InputStream body;

    /** Connects, sends the request and reads the response's head; fails unless it is a {@code 200} event stream. */
    void open(URI url, String apiKey) throws IOException {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 10_000);
        String request = "GET " + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\nAuthorization: Bearer " + apiKey
                + "\r\nAccept: text/event-stream\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        var in = new BufferedInputStream(socket.getInputStream(), 1024);
        String status = readLine(in);
        boolean chunked = false;
        for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
            chunked |= header.toLowerCase(Locale.ROOT).replace(" ", "").equals("transfer-encoding:chunked");
        }
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("The stream answered " + status);
        }
        body = chunked ? new Dechunked(in) : in;
    }

    /** Hands every line to the listener until the stream ends or the socket is closed. */
    void read(Listener listener) throws IOException {
        String name = "message";
        String id = "";
        boolean data = false;
        while (true) {
            String text = readLine(body);
            if (text.isEmpty()) {
                // As in a browser, a blank line ends an event only when the event had data.
                if (data) {
                    listener.event(name, id, System.nanoTime());
                }
                name = "message";
                id = "";
                data = false;
            } else if (text.startsWith(":")) {
                listener.comment(text.substring(1).strip());
            } else if (text.startsWith("event:")) {
                name = text.substring(6).strip();
            } else if (text.startsWith("id:")) {
                id = text.substring(3).strip();
            } else if (text.startsWith("data:")) {
                data = true;
            }
        }
    }

    private String readLine(InputStream in) throws IOException {
        line.setLength(0);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("The stream ended");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A chunked body as the bytes it carries. */
    private static final class Dechunked extends InputStream {

        private final InputStream in;
        private long left;

        Dechunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) {
                String size = sizeLine();
                left = Long.parseLong(size.contains(";") ? size.substring(0, size.indexOf(';')) : size, 16);
                if (left == 0) {
                    return -1;
                }
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The stream ended inside a chunk");
            }
            left--;
            if (left == 0) {
                // Each chunk ends with CRLF of its own.
                in.read();
                in.read();
            }
            return b;
        }

        private String sizeLine() throws IOException {
            var size = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new EOFException("The stream ended");
                }
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            return size.toString().strip();
        }
    }
}
