package dev.imagepipeline.web;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.imagepipeline.web.FieldProblems.FieldProblem;
import tools.jackson.core.JacksonException;

/**
 * Answers a bad request to any controller with {@code application/problem+json} whose {@code errors} name each field
 * as the client wrote it and, for an enum, the values it allows. Ordered first, so it wins over Boot's problem
 * details; other errors are left to the service and to Boot.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BadRequestAdvice {

    private static final String TITLE = "Invalid request";

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
        Class<?> body = ex.getParameter().getParameterType();
        return badRequest(ex.getFieldErrors()
                .stream()
                .map(error -> FieldProblems.ofField(body, error.getField(), error.getRejectedValue(),
                        String.valueOf(error.getDefaultMessage())))
                .toList());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        if (ex.getMostSpecificCause() instanceof JacksonException jackson) {
            var problem = FieldProblems.ofBinding(jackson);
            if (problem != null) {
                return badRequest(List.of(problem));
            }
        }
        return ResponseEntity.badRequest().body(problem("The body is not valid JSON.", List.of()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(RejectedFieldException ex) {
        return badRequest(List.of(new FieldProblem(ex.field(), String.valueOf(ex.getMessage()))));
    }

    private static ResponseEntity<ProblemDetail> badRequest(List<FieldProblem> errors) {
        var sorted = FieldProblems.sorted(errors);
        return ResponseEntity.badRequest().body(problem(FieldProblems.describe(sorted), sorted));
    }

    private static ProblemDetail problem(String detail, List<FieldProblem> errors) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(TITLE);
        problem.setProperty("errors", errors);
        return problem;
    }
}
