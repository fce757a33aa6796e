package dev.imagepipeline.webhook.replicate;

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

    static ErrorResponseException unreadablePrediction(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable prediction", detail);
    }

    static ErrorResponseException notRecorded() {
        // Not the caller's fault: a 5xx makes Replicate deliver the callback again later.
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Callback not recorded",
                "The pipeline could not record the callback just now; please deliver it again.");
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
