package dev.imagepipeline.generation.provider.relay;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.jspecify.annotations.Nullable;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.web.callback.CallbackUrlPolicy;
import dev.imagepipeline.web.callback.GuardedDnsResolver.RefusedAddressException;
import dev.imagepipeline.web.callback.GuardedHttpClients;
import dev.imagepipeline.web.callback.RefusedCallbackException;

/**
 * Gets a relayed result's images: decoded from base64, or fetched from their URLs under the shared SSRF rule, applied
 * to the URL and again to every address connected to. https only, but for hosts in a network the configuration
 * allows; no redirect, no credentials, no cookies, and never more than {@link #MAX_IMAGE_BYTES} read.
 */
final class RelayImages implements AutoCloseable {

    static final int MAX_IMAGE_BYTES = 20 * 1024 * 1024;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_CONNECTIONS = 25;

    private static final CallbackUrlPolicy PUBLIC_ONLY = new CallbackUrlPolicy(List.of());

    private final CallbackUrlPolicy policy;
    private final CloseableHttpClient http;

    RelayImages(CallbackUrlPolicy policy) {
        this.policy = policy;
        // As many at once as the connection pool's default allowed over all hosts.
        this.http = GuardedHttpClients.create(policy, CONNECT_TIMEOUT, READ_TIMEOUT, MAX_CONNECTIONS,
                "image-pipeline-generation-worker");
    }

    /**
     * @throws ProviderException when the image could not be had; retryable for failures another attempt may cure
     */
    RenderedImage get(RelayedResult.Image image, int index) {
        String source = "image " + index;
        if (image.base64() != null) {
            return ImageFiles.read(decoded(image.base64(), source), source);
        }
        if (image.url() == null) {
            throw new IllegalArgumentException("The relayed " + source + " has neither url nor base64.");
        }
        URI url = checked(image.url(), source);
        return ImageFiles.read(fetch(url, source + " at " + url.getHost()), source + " at " + url.getHost());
    }

    private URI checked(String url, String source) {
        URI checked;
        try {
            checked = policy.check(url);
        } catch (RefusedCallbackException e) {
            throw refused(source, String.valueOf(e.getMessage()));
        }
        // Plain http only to a network the configuration opened: the public rule refuses such a host, this one not.
        if (!"https".equals(checked.getScheme().toLowerCase(Locale.ROOT)) && isPublic(url)) {
            throw refused(source, "it must be an https URL");
        }
        return checked;
    }

    private byte[] fetch(URI url, String source) {
        var get = new HttpGet(url);
        try (ClassicHttpResponse response = http.executeOpen(null, get, null)) {
            int status = response.getCode();
            if (status < 200 || status > 299) {
                get.cancel();
                boolean retryable = status == 408 || status == 429 || status >= 500;
                throw new ProviderException("provider_error",
                        "The relay's %s answered HTTP %d.".formatted(source, status), retryable);
            }
            return body(response.getEntity(), get, source);
        } catch (IOException e) {
            var refusal = refusal(e);
            if (refusal != null) {
                throw refused(source, String.valueOf(refusal.getMessage()));
            }
            throw new ProviderException("provider_error",
                    "The relay's %s could not be fetched: %s.".formatted(source, e.getClass().getSimpleName()), true);
        }
    }

    private static @Nullable RefusedAddressException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedAddressException refused) {
                return refused;
            }
        }
        return null;
    }

    private static byte[] body(HttpEntity entity, HttpGet get, String source) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        try (InputStream content = entity.getContent()) {
            // One byte past the limit tells an image that is too large from one that fits exactly.
            byte[] bytes = content.readNBytes(MAX_IMAGE_BYTES + 1);
            if (bytes.length > MAX_IMAGE_BYTES) {
                // Drop the connection rather than drain a body nobody will use.
                get.cancel();
                throw new ProviderException("malformed_response",
                        "The relay's %s is larger than %d bytes.".formatted(source, MAX_IMAGE_BYTES), false);
            }
            return bytes;
        }
    }

    private static byte[] decoded(String base64, String source) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ProviderException("malformed_response", "The relay's " + source + " is not base64.", false);
        }
    }

    private static boolean isPublic(String url) {
        try {
            PUBLIC_ONLY.check(url);
            return true;
        } catch (RefusedCallbackException e) {
            return false;
        }
    }

    /** The rule's message names the host at most, never the path or query, where a relay may keep a token. */
    private static ProviderException refused(String source, String reason) {
        return new ProviderException("invalid_request", "The relay's " + source + " was refused: " + reason + ".",
                false);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
