package dev.imagepipeline.webhook.delivery;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a callback's raw body: exactly the bytes the provider signed, which any re-serialization would change, and
 * never more than the limit.
 */
public final class CallbackBody {

    private CallbackBody() {
    }

    public static byte[] read(HttpServletRequest request, int maxBytes) {
        // A declared length over the limit is refused before a byte is read.
        if (request.getContentLengthLong() > maxBytes) {
            throw CallbackProblems.bodyTooLarge(maxBytes);
        }
        byte[] body;
        try {
            // One byte past the limit tells a chunked body that is too long from one that fits exactly.
            body = request.getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw CallbackProblems.unreadableBody();
        }
        if (body.length > maxBytes) {
            throw CallbackProblems.bodyTooLarge(maxBytes);
        }
        return body;
    }
}
