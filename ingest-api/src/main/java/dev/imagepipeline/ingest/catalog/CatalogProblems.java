package dev.imagepipeline.ingest.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers an upload that cannot be a catalog with a problem saying why. */
@RestControllerAdvice(assignableTypes = CatalogController.class)
class CatalogProblems {

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

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
