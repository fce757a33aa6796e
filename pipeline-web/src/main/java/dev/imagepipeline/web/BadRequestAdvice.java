package dev.imagepipeline.web;

import static java.util.Comparator.comparing;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

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
        return badRequest(ex.getFieldErrors().stream().map(error -> fieldProblem(body, error)).toList());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            return badRequest(List.of(new FieldProblem(WireNames.path(invalid),
                    "'" + invalid.getValue() + "' is not allowed" + allowedValues(invalid.getTargetType()))));
        }
        if (cause instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
            return badRequest(List.of(new FieldProblem(WireNames.path(mapping), "has the wrong type")));
        }
        return ResponseEntity.badRequest().body(problem("The body is not valid JSON.", List.of()));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(RejectedFieldException ex) {
        return badRequest(List.of(new FieldProblem(ex.field(), String.valueOf(ex.getMessage()))));
    }

    private static ResponseEntity<ProblemDetail> badRequest(List<FieldProblem> errors) {
        var sorted = errors.stream()
                .sorted(comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        var detail = sorted.stream()
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(detail, sorted));
    }

    private static ProblemDetail problem(String detail, List<FieldProblem> errors) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(TITLE);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A missing enum is answered with the values it could have had. */
    private static FieldProblem fieldProblem(Class<?> body, FieldError error) {
        var property = WireNames.property(body, error.getField());
        String message = String.valueOf(error.getDefaultMessage());
        return new FieldProblem(property.path(),
                error.getRejectedValue() == null ? message + allowedValues(property.type()) : message);
    }

    private static String allowedValues(Class<?> type) {
        var allowed = WireNames.allowedValues(type);
        return allowed.isEmpty() ? "" : "; allowed values: " + allowed;
    }

    /** One field's problem, as listed in the {@code errors} member of the problem. */
    record FieldProblem(String field, String message) {
    }
}
