package dev.imagepipeline.webhook.replicate;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.imagepipeline.webhook.delivery.CallbackProblems;

/** The answers only a Replicate callback can earn; the ones every endpoint gives are {@link CallbackProblems}. */
final class Problems {

    private Problems() {
    }

    static ErrorResponseException invalidJob() {
        return CallbackProblems.problem(HttpStatus.BAD_REQUEST, "Missing or invalid job",
                "The job query parameter must be the job's UUID, as in /api/webhook/replicate?job=<uuid>.");
    }

    static ErrorResponseException notAJsonObject() {
        return CallbackProblems.problem(HttpStatus.BAD_REQUEST, "Callback body is not a JSON object",
                "Replicate posts the prediction as a JSON object; this body is not one.");
    }
}
