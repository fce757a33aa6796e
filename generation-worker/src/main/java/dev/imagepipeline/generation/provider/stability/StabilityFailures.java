package dev.imagepipeline.generation.provider.stability;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClientException;

import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RetryAfter;
import dev.imagepipeline.generation.provider.VendorAccess;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what went wrong with a Stability AI call into a {@link ProviderException} with a stable reason. Every message
 * passes through {@link #redact}, so the key cannot reach a job's failure even when a body echoes it.
 */
final class StabilityFailures {

    private static final int LONGEST_QUOTE = 300;

    private final VendorAccess access;
    private final Duration readTimeout;
    private final Clock clock;

    StabilityFailures(VendorAccess access, Clock clock) {
        this.access = access;
        this.readTimeout = access.readTimeout();
        this.clock = clock;
    }

    /** An answer with an error status. */
    ProviderException refused(StabilityModel model, int status, HttpHeaders headers, byte[] body) {
        var error = error(body);
        return switch (status) {
            case 400, 413, 422 -> failure("invalid_request", "Stability AI rejected the request for " + model.id(),
                    status, error, false, null);
            case 401 -> failure("provider_auth", "Stability AI did not accept the API key", status, error, false, null);
            case 402 ->
                failure("out_of_credits",
                        "The Stability AI account is out of credits; "
                                + "buy more at https://platform.stability.ai/account/credits",
                        status, error, false, null);
            case 403 -> forbidden(model, error);
            case 404 -> failure("model_not_found",
                    "Stability AI has no endpoint " + model.path() + " for " + model.id(), status, error, false, null);
            case 429 -> failure("rate_limited", "Stability AI is throttling this key (it allows 150 requests in 10 s)",
                    status, error, true, retryAfter(headers));
            default -> status >= 500
                    ? failure("provider_error", "Stability AI failed while generating with " + model.id(), status,
                            error, true, retryAfter(headers))
                    : failure("invalid_request", "Stability AI refused the request for " + model.id(), status, error,
                            false, null);
        };
    }

    /** No answer at all: the connection failed or the answer took longer than the read timeout. */
    ProviderException unreachable(StabilityModel model, RestClientException e) {
        if (timedOut(e)) {
            return new ProviderException("provider_timeout",
                    redact("Stability AI did not answer for %s within %s".formatted(model.id(), readable(readTimeout))),
                    true);
        }
        return new ProviderException("provider_error", redact("Stability AI could not be reached for %s (%s)"
                .formatted(model.id(), e.getMostSpecificCause().getClass().getSimpleName())), true);
    }

    /** A success status whose body is not what the API documents. */
    ProviderException malformed(StabilityModel model, String problem) {
        return new ProviderException("malformed_response",
                redact("Stability AI answered for %s, but %s".formatted(model.id(), problem)), true);
    }

    /** The image was made, then blurred by moderation: it must not be delivered. */
    ProviderException filtered(StabilityModel model, long seed) {
        return new ProviderException("content_filtered", "Stability AI's content filter blurred the image from "
                + model.id() + " (seed " + seed + "), so it is not delivered; rephrase the description", false);
    }

    /** A finish reason other than success or filtering, such as v1's {@code ERROR}. */
    ProviderException unfinished(StabilityModel model, String finishReason) {
        return new ProviderException("provider_error",
                redact("Stability AI could not finish the image from %s: finish reason %s".formatted(model.id(),
                        finishReason)),
                true);
    }

    private ProviderException forbidden(StabilityModel model, StabilityError error) {
        if (error.moderation()) {
            return failure("content_filtered",
                    "Stability AI's content moderation refused the prompt for " + model.id() + "; nothing was charged",
                    403, error, false, null);
        }
        return failure("provider_auth", "Stability AI does not let this API key use " + model.id(), 403, error, false,
                null);
    }

    private ProviderException failure(String reason, String what, int status, StabilityError error, boolean retryable,
            @Nullable Duration retryAfter) {
        String message = "%s (HTTP %d): %s".formatted(what, status, error.describe());
        return new ProviderException(reason, redact(message), retryable, retryAfter);
    }

    private @Nullable Duration retryAfter(HttpHeaders headers) {
        return RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), clock.instant());
    }

    private static StabilityError error(byte[] body) {
        StabilityError parsed = null;
        try {
            parsed = JsonMapper.shared().readValue(body, StabilityError.class);
        } catch (JacksonException notJson) {
            // A proxy's HTML page or plain text: quoted below rather than lost.
        }
        return parsed != null && parsed.saysSomething() ? parsed : quoted(body);
    }

    private static StabilityError quoted(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        String quote = text.length() > LONGEST_QUOTE ? text.substring(0, LONGEST_QUOTE) + "…" : text;
        return new StabilityError(null, null, null, quote.isEmpty() ? "no details" : quote);
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** {@code 1m30s} rather than {@code PT1M30S}. */
    private static String readable(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }

    private String redact(String message) {
        return access.redacted(message);
    }
}
