package dev.imagepipeline.allinone;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.web.signing.SigningSecret;

/**
 * One input of the fuzz: a request written byte for byte, and the endpoint it is counted under.
 *
 * @param endpoint the endpoint as the report names it, such as {@code POST /api/generate}
 * @param input what was done to a valid request, for a failure's reproducer
 * @param target the request target exactly as sent: path and query, encoded or not
 * @param headers sent in order, ISO-8859-1, with nothing checked; {@code Host}, {@code Content-Length} and
 *        {@code Connection} are added unless given
 * @param halfClose the body is shorter than it says: the connection's sending side is closed after it
 * @param signingSecret when present, the request is a webhook delivery signed with it as it is sent, so that a slow run
 *        does not make it stale
 */
record FuzzRequest(String endpoint, String input, String method, String target, List<Map.Entry<String, String>> headers,
        byte[] body, boolean halfClose, @Nullable String signingSecret) {

    FuzzRequest {
        headers = List.copyOf(headers);
    }

    FuzzRequest(String endpoint, String input, String method, String target, List<Map.Entry<String, String>> headers,
            byte[] body, boolean halfClose) {
        this(endpoint, input, method, target, headers, body, halfClose, null);
    }

    /** The same request, signed the Standard Webhooks way with this secret when it is sent. */
    FuzzRequest signed(String secret) {
        return new FuzzRequest(endpoint, input, method, target, headers, body, halfClose, secret);
    }

    /** The same request with one more header. */
    FuzzRequest with(String name, String value) {
        var more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new FuzzRequest(endpoint, input, method, target, more, body, halfClose, signingSecret);
    }

    /** The same request without the headers of this name. */
    FuzzRequest without(String name) {
        var fewer = headers.stream().filter(header -> !header.getKey().equalsIgnoreCase(name)).toList();
        return new FuzzRequest(endpoint, input, method, target, fewer, body, halfClose, signingSecret);
    }

    /** The same request, its sending side closed after the body. */
    FuzzRequest halfClosed() {
        return new FuzzRequest(endpoint, input, method, target, headers, body, true, signingSecret);
    }

    FuzzRequest described(String what) {
        return new FuzzRequest(endpoint, what, method, target, headers, body, halfClose, signingSecret);
    }

    byte[] bytes(int port) {
        if (signingSecret != null) {
            return withSignature().bytes(port);
        }
        var head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (!has("Host")) {
            head.append("Host: localhost:").append(port).append("\r\n");
        }
        headers.forEach(header -> head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
        if (!has("Content-Length") && !has("Transfer-Encoding") && (body.length > 0 || method.equals("POST"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        if (!has("Connection")) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes(body);
        return bytes.toByteArray();
    }

    private FuzzRequest withSignature() {
        String id = headers.stream()
                .filter(header -> header.getKey().equals("webhook-id"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        return new FuzzRequest(endpoint, input, method, target, headers, body, halfClose, null)
                .with("webhook-timestamp", timestamp)
                .with("webhook-signature", SigningSecret.parse(signingSecret).header(id, timestamp, body));
    }

    /** The request as a reproducer: its head, and the start of its body with anything unprintable escaped. */
    String reproducer() {
        var text = new StringBuilder(method).append(' ').append(abbreviated(target, 200)).append('\n');
        headers.forEach(header -> text.append(header.getKey())
                .append(": ")
                .append(escaped(abbreviated(header.getValue(), 200)))
                .append('\n'));
        String start = new String(body, 0, Math.min(body.length, 400), StandardCharsets.ISO_8859_1);
        return text.append('\n')
                .append(escaped(start))
                .append(body.length > 400 ? "… (" + body.length + " bytes)" : "")
                .toString();
    }

    private boolean has(String name) {
        return headers.stream().anyMatch(header -> header.getKey().equalsIgnoreCase(name));
    }

    private static String abbreviated(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " chars)";
    }

    private static String escaped(String text) {
        var out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 && c != '\n' || c >= 0x7f ? "\\x%02x".formatted(c) : (char) c));
        return out.toString();
    }
}
