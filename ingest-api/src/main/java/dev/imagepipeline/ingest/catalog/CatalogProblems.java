package dev.imagepipeline.ingest.catalog;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers an upload that cannot be a catalog, or cannot be taken yet, with a problem saying why. */
@RestControllerAdvice(assignableTypes = CatalogController.class)
class CatalogProblems {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(ItemSource.UnreadableUploadException ex) {
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "Unreadable catalog", ex.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> empty(EmptyCatalogException ex) {
        var problem = problem(HttpStatus.BAD_REQUEST, "Empty catalog", ex.getMessage());
        problem.setProperty("rejectedCount", ex.rejectedCount());
        problem.setProperty("rejected", ex.rejected());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notYet(CatalogUnavailableException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Not ready for catalogs yet", ex.getMessage()));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
