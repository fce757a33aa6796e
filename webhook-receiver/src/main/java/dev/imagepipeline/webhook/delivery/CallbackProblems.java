package dev.imagepipeline.webhook.delivery;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.imagepipeline.webhook.signature.Verification.Reason;

/**
 * The {@code application/problem+json} answers every callback endpoint gives a rejected callback; none of them quotes
 * a secret.
 */
public final class CallbackProblems {

    private CallbackProblems() {
    }

    public static ErrorResponseException bodyTooLarge(int maxBytes) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Callback body too large",
                "The body exceeds the limit of " + maxBytes + " bytes.");
    }

    public static ErrorResponseException unreadableBody() {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable callback body", "The body could not be read completely.");
    }

    public static ErrorResponseException signatureRejected(Reason reason) {
        var exception = problem(HttpStatus.UNAUTHORIZED, "Callback signature rejected", reason.detail());
        exception.getBody().setProperty("reason", reason.code());
        return exception;
    }

    public static ErrorResponseException secretUnavailable(Duration retryAfter) {
        // A 5xx makes the sender deliver the callback again, by which time the secret may be at hand.
        var exception = problem(HttpStatus.SERVICE_UNAVAILABLE, "Signing secret not available yet",
                "The service could not get the webhook signing secret just now; please deliver the callback again.");
        exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(wholeSecondsAtLeastOne(retryAfter)));
        return exception;
    }

    public static ErrorResponseException notRecorded() {
        // Not the caller's fault: a 5xx makes the sender deliver the callback again later.
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Callback not recorded",
                "The pipeline could not record the callback just now; please deliver it again.");
    }

    public static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    /** Retry-After takes whole seconds; rounding up keeps a retry from arriving just before the wait is over. */
    private static long wholeSecondsAtLeastOne(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
