package dev.imagepipeline.allinone;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 over a plain socket, one connection a request: sends the bytes exactly as given, which a client library
 * would refuse to write (control characters in a header, a body shorter than its length), and reads the answer.
 */
final class RawHttp {

    private static final Duration CONNECT = Duration.ofSeconds(5);

    private final int port;
    private final Duration timeout;

    RawHttp(int port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    /** The answer as received; a {@code 100 Continue} before it is skipped. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        @Nullable
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param halfClose ends the request's side of the connection after the bytes, so that a server waiting for more
     *        of a body sees its end at once instead of timing out
     */
    Response exchange(byte[] request, boolean halfClose) throws IOException {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) CONNECT.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            IOException unsent = null;
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                if (halfClose) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // A server may answer a body it refuses (413) and close before the rest is sent: its answer is read
                // all the same, as an HTTP client reads an early response.
                unsent = e;
            }
            var in = new BufferedInputStream(socket.getInputStream());
            try {
                Response response;
                do {
                    response = read(in);
                } while (response.status() == 100);
                return response;
            } catch (IOException e) {
                if (unsent != null) {
                    unsent.addSuppressed(e);
                    throw unsent;
                }
                throw e;
            }
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("Not an HTTP response: " + statusLine);
        }
        var headers = new HashMap<String, String>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.merge(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).strip(), (first, second) -> first + ", " + second);
        }
        int status = Integer.parseInt(parts[1]);
        if (status == 100) {
            return new Response(status, headers, new byte[0]);
        }
        if (status / 100 == 2 && String.valueOf(headers.get("content-type")).startsWith("text/event-stream")) {
            // A stream that was opened is answered; one that follows live events would not end by itself.
            return new Response(status, headers, new byte[0]);
        }
        boolean chunked = "chunked".equalsIgnoreCase(headers.get("transfer-encoding"));
        String length = headers.get("content-length");
        byte[] body = chunked
                ? chunks(in)
                : length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        return new Response(status, headers, body);
    }

    private static byte[] chunks(InputStream in) throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            if (length == 0) {
                while (!line(in).isEmpty()) {
                    // Trailer fields: none are expected, and none matter here.
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    /** One line without its CRLF; the head of a response is ISO-8859-1. */
    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                if (line.size() == 0) {
                    throw new IOException("The connection closed before a complete response");
                }
                break;
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }
}
