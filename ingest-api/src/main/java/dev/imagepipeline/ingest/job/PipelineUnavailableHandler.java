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
 * Answers a valid job the broker did not take with {@code 503} and a time to retry; bad requests are pipeline-web's.
 */
@RestControllerAdvice(basePackages = "dev.imagepipeline.ingest")
class PipelineUnavailableHandler {

    private static final Logger log = LoggerFactory.getLogger(PipelineUnavailableHandler.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notQueued(PublishFailedException ex) {
        log.error("A valid job could not be queued", ex);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The pipeline cannot take jobs right now; nothing was queued. Try again shortly.");
        problem.setTitle("Pipeline unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                .body(problem);
    }
}
