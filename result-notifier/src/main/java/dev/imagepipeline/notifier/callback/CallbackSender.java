package dev.imagepipeline.notifier.callback;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.jspecify.annotations.Nullable;

import dev.imagepipeline.notifier.callback.Outcome.Delivered;
import dev.imagepipeline.notifier.callback.Outcome.Final;
import dev.imagepipeline.notifier.callback.Outcome.Retryable;
import dev.imagepipeline.web.callback.CallbackUrlPolicy;
import dev.imagepipeline.web.callback.GuardedDnsResolver.RefusedAddressException;
import dev.imagepipeline.web.callback.GuardedHttpClients;

/**
 * Makes one attempt at a callback: an HTTP POST through Apache HttpClient, whose resolver applies the SSRF rule to the
 * addresses it connects to. It follows no redirect, retries nothing itself, sends no proxy or cookie, and never reads
 * the receiver's body, so a receiver that answers slowly costs at most the connect and read timeouts.
 */
final class CallbackSender implements AutoCloseable {

    static final String USER_AGENT = "image-pipeline-result-notifier";
    /** Without a charset parameter: JSON is UTF-8 by definition (RFC 8259). */
    private static final ContentType JSON = ContentType.create("application/json", (Charset) null);

    private final CloseableHttpClient http;

    CallbackSender(CallbackUrlPolicy policy, Duration connectTimeout, Duration readTimeout, int maxConnections) {
        this.http = GuardedHttpClients.create(policy, connectTimeout, readTimeout, maxConnections, USER_AGENT);
    }

    Outcome post(URI url, Map<String, String> headers, byte[] body) {
        var post = new HttpPost(url);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, JSON));
        try {
            CloseableHttpResponse response = http.execute(post);
            int status = response.getCode();
            var retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
            // Drop the connection rather than read a body nobody needs, which a receiver could dribble forever.
            post.cancel();
            closeQuietly(response);
            return outcome(status, retryAfter == null ? null : retryAfter.getValue());
        } catch (IOException e) {
            return refusal(e).<Outcome>map(refused -> new Final(String.valueOf(refused.getMessage())))
                    .orElseGet(() -> new Retryable(describe(e), null));
        }
    }

    static Outcome outcome(int status, @Nullable String retryAfter) {
        if (status >= 200 && status < 300) {
            return new Delivered(status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new Retryable("HTTP " + status, retryAfter);
        }
        if (status >= 300 && status < 400) {
            return new Final("HTTP " + status + ": redirects are not followed");
        }
        return new Final("HTTP " + status);
    }

    private static Optional<RefusedAddressException> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedAddressException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    /** Names the I/O failure (refused, timed out, reset); the message names the host at most, not the path. */
    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void closeQuietly(CloseableHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            // The connection was dropped on purpose; whatever closing it says changes nothing.
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
