package dev.imagepipeline.generation.provider.replicate;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RetryAfter;
import dev.imagepipeline.generation.provider.VendorAccess;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns Replicate's error answers and transport failures into provider exceptions that say whether a retry may help,
 * with Replicate's own text and never the token.
 */
final class ReplicateErrors {

    private static final int MAX_TEXT = 300;
    /** Replicate's 429 detail says when the limit resets: "Your rate limit resets in ~30s." */
    private static final Pattern RESETS_IN = Pattern.compile("~(\\d{1,6})s");

    private final JsonMapper json;
    private final PollingClock clock;
    private final VendorAccess access;

    ReplicateErrors(JsonMapper json, PollingClock clock, VendorAccess access) {
        this.json = json;
        this.clock = clock;
        this.access = access;
    }

    /** @param action what was being done, e.g. {@code creating a prediction} */
    ProviderException status(String action, HttpStatusCode status, HttpHeaders headers, byte[] body) {
        String text = text(body);
        String message = "Replicate answered HTTP %d while %s: %s".formatted(status.value(), action, text);
        return switch (status.value()) {
            case 400, 422 -> new ProviderException("invalid_request", message, false);
            case 401, 403 -> new ProviderException("provider_auth", message, false);
            case 402 -> new ProviderException("out_of_credits", message, false);
            case 404 -> new ProviderException("model_not_found", message, false);
            case 429 -> new ProviderException("rate_limited", message, true, retryAfter(headers, text));
            default -> new ProviderException("provider_error", message, status.is5xxServerError());
        };
    }

    ProviderException unreachable(String action, Exception failure) {
        if (timedOut(failure)) {
            return new ProviderException("provider_timeout", "Replicate did not answer in time while " + action + ".",
                    true);
        }
        return new ProviderException("provider_error",
                "Replicate could not be reached while %s: %s".formatted(action, redacted(failure.getMessage())), true);
    }

    ProviderException malformed(String action, String problem) {
        return new ProviderException("malformed_response",
                "Replicate's answer could not be read while %s: %s".formatted(action, redacted(problem)), true);
    }

    /** Removes the token from text a vendor or a library wrote, should it ever echo it. */
    String redacted(@Nullable String text) {
        return access.redacted(text);
    }

    private String text(byte[] body) {
        String raw = new String(body, StandardCharsets.UTF_8).strip();
        String text = raw;
        try {
            var error = json.readValue(body, ErrorBody.class);
            text = error.detail() != null ? error.detail() : error.title() != null ? error.title() : raw;
        } catch (JacksonException e) {
            // Not JSON, e.g. a proxy's HTML page: the raw text is all there is.
        }
        text = redacted(text.strip());
        return text.isEmpty() ? "(no details)" : text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) + "…" : text;
    }

    private @Nullable Duration retryAfter(HttpHeaders headers, String text) {
        var asked = RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), clock.now());
        if (asked != null) {
            return asked;
        }
        // Without the header, Replicate's detail text says when the limit resets.
        var resets = RESETS_IN.matcher(text);
        return resets.find() ? Duration.ofSeconds(Long.parseLong(resets.group(1))) : null;
    }

    private static boolean timedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
