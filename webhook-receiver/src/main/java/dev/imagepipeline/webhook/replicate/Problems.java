package dev.imagepipeline.webhook.replicate;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import dev.imagepipeline.webhook.signature.Verification.Reason;

/** The {@code application/problem+json} answers a rejected callback gets; none of them quotes a secret. */
final class Problems {

    private Problems() {
    }

    static ErrorResponseException bodyTooLarge(int maxBytes) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Callback body too large",
                "The body exceeds the limit of " + maxBytes + " bytes.");
    }

    static ErrorResponseException unreadableBody() {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable callback body", "The body could not be read completely.");
    }

    static ErrorResponseException signatureRejected(Reason reason) {
        var exception = problem(HttpStatus.UNAUTHORIZED, "Callback signature rejected", reason.detail());
        exception.getBody().setProperty("reason", reason.code());
        return exception;
    }

    static ErrorResponseException invalidJob() {
        return problem(HttpStatus.BAD_REQUEST, "Missing or invalid job",
                "The job query parameter must be the job's UUID, as in /api/webhook/replicate?job=<uuid>.");
    }

    static ErrorResponseException notAJsonObject() {
        return problem(HttpStatus.BAD_REQUEST, "Callback body is not a JSON object",
                "Replicate posts the prediction as a JSON object; this body is not one.");
    }

    static ErrorResponseException secretUnavailable(Duration retryAfter) {
        // A 5xx makes Replicate deliver the callback again, by which time the secret may be at hand.
        var exception = problem(HttpStatus.SERVICE_UNAVAILABLE, "Signing secret not available yet",
                "The service could not fetch the webhook signing secret from Replicate just now; "
                        + "please deliver the callback again.");
        exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(wholeSecondsAtLeastOne(retryAfter)));
        return exception;
    }

    static ErrorResponseException notRecorded() {
        // Not the caller's fault: a 5xx makes Replicate deliver the callback again later.
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Callback not recorded",
                "The pipeline could not record the callback just now; please deliver it again.");
    }

    /** Retry-After takes whole seconds; rounding up keeps a retry from arriving just before the wait is over. */
    private static long wholeSecondsAtLeastOne(Duration duration) {
        long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
