package dev.imagepipeline.ingest.job;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;

/**
 * Answers a valid request the broker did not take, or one this instance cannot yet tell was sent before, with
 * {@code 503} and a time to retry; bad requests are pipeline-web's.
 */
@RestControllerAdvice(basePackages = "dev.imagepipeline.ingest")
class PipelineUnavailableHandler {

    private static final Logger log = LoggerFactory.getLogger(PipelineUnavailableHandler.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notQueued(PublishFailedException ex) {
        log.error("A valid job could not be queued", ex);
        return unavailable("Pipeline unavailable", "The pipeline cannot take jobs right now. Try again shortly; "
                + "sent again with the same Idempotency-Key, a request queues nothing twice.");
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notYet(RecentJobsUnreadException ex) {
        return unavailable("Not ready yet", ex.getMessage());
    }

    private static ResponseEntity<ProblemDetail> unavailable(String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                .body(problem);
    }
}
