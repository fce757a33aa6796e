package dev.imagepipeline.ingest.job;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Turns every rejected submission into {@code application/problem+json} that names the field and, for a closed set,
 * the values it allows.
 */
@RestControllerAdvice(assignableTypes = GenerateController.class)
class BadRequestHandler extends ResponseEntityExceptionHandler {

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getFieldErrors()
                .stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(FieldProblem::field))
                .toList();
        return problem(errors, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex.getMostSpecificCause() instanceof InvalidFormatException invalid) {
            return problem(
                    List.of(new FieldProblem(path(invalid),
                            "'" + invalid.getValue() + "' is not allowed" + allowedValues(invalid.getTargetType()))),
                    request);
        }
        if (ex.getMostSpecificCause() instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
            return problem(List.of(new FieldProblem(path(mapping), "has the wrong type")), request);
        }
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not valid JSON.");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private ResponseEntity<Object> problem(List<FieldProblem> errors, WebRequest request) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
        problem.setTitle("Invalid generation request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static String path(DatabindException ex) {
        return ex.getPath()
                .stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** The wire names of an enum, as its {@code @JsonProperty} annotations spell them. */
    private static String allowedValues(Class<?> type) {
        if (!type.isEnum()) {
            return "";
        }
        return Arrays.stream(type.getFields())
                .filter(java.lang.reflect.Field::isEnumConstant)
                .map(field -> field.getAnnotation(JsonProperty.class))
                .map(JsonProperty::value)
                .collect(Collectors.joining(", ", "; allowed values: [", "]"));
    }

    /** One field's problem, as listed in the {@code errors} member of the problem. */
    record FieldProblem(String field, @Nullable String message) {
    }
}
