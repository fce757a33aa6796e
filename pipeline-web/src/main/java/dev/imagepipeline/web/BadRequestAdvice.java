package dev.imagepipeline.web;

import java.util.List;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

import dev.imagepipeline.web.FieldProblems.FieldProblem;
import dev.imagepipeline.web.access.BodyTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.ValueInstantiationException;

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
        if (ex.getMostSpecificCause() instanceof BodyTooLargeException tooLarge) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
            problem.setTitle("Body too large");
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
        }
        if (refusedValue(ex) instanceof ValueInstantiationException refused) {
            return badRequest(List.of(FieldProblems.ofRefusedValue(refused)));
        }
        if (ex.getMostSpecificCause() instanceof JacksonException jackson) {
            var problem = FieldProblems.ofBinding(jackson);
            if (problem != null) {
                return badRequest(List.of(problem));
            }
            if (jackson instanceof StreamConstraintsException) {
                return ResponseEntity.badRequest()
                        .body(problem("The body holds a number or text too long, or nesting too deep, to read.",
                                List.of()));
            }
            if (jackson instanceof DatabindException) {
                // Well-formed JSON that is not an object, such as an array or a bare string.
                return ResponseEntity.badRequest().body(problem("The body must be a JSON object.", List.of()));
            }
        }
        if (ex.getMostSpecificCause() == ex) {
            // Spring found no body, or the JSON literal null.
            return ResponseEntity.badRequest()
                    .body(problem("The body must be a JSON object, not empty or null.", List.of()));
        }
        return ResponseEntity.badRequest().body(problem("The body is not valid JSON.", List.of()));
    }

    private static @Nullable ValueInstantiationException refusedValue(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof ValueInstantiationException refused) {
                return refused;
            }
        }
        return null;
    }

    /** No endpoint takes multipart bodies, but the container parses one before any controller can refuse it. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException ex) {
        return ResponseEntity.badRequest().body(problem("The body is not valid multipart/form-data.", List.of()));
    }

    /** Tomcat refuses a query it cannot decode when a controller first reads a parameter. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException ex) {
        return ResponseEntity.badRequest()
                .body(problem("The query string is not valid percent-encoded UTF-8.", List.of()));
    }

    /**
     * Spring cannot read the headers of a request whose Content-Type is a range such as {@code application/*}, and
     * fails with this exception before a controller without {@code consumes} can refuse it. Any other is not the
     * client's doing, and is left alone.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> contentTypeRange(IllegalArgumentException ex, HttpServletRequest request) {
        if (!isRange(request.getContentType())) {
            throw ex;
        }
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must name one media type, such as application/json, not a range.");
        problem.setTitle("Unsupported Media Type");
        // Set here: negotiating it would read the request's headers, and fail the same way again.
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(RejectedFieldException ex) {
        return badRequest(List.of(new FieldProblem(ex.field(), String.valueOf(ex.getMessage()))));
    }

    private static boolean isRange(@Nullable String contentType) {
        try {
            return contentType != null && !MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
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
