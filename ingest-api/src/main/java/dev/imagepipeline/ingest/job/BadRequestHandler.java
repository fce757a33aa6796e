package dev.imagepipeline.ingest.job;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Turns every refused submission into {@code application/problem+json} that names the field as the client wrote it
 * and, for a closed set, the values it allows. Other errors are left to Boot's problem details.
 */
@RestControllerAdvice(assignableTypes = GenerateController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class BadRequestHandler {

    private static final Logger log = LoggerFactory.getLogger(BadRequestHandler.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException ex) {
        return badRequest(ex.getFieldErrors()
                .stream()
                .map(BadRequestHandler::problem)
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
        if (ex.getMostSpecificCause() instanceof InvalidFormatException invalid) {
            return badRequest(List.of(new FieldProblem(path(invalid),
                    "'" + invalid.getValue() + "' is not allowed" + allowedValues(invalid.getTargetType()))));
        }
        if (ex.getMostSpecificCause() instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
            return badRequest(List.of(new FieldProblem(path(mapping), "has the wrong type")));
        }
        return ResponseEntity.badRequest()
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not valid JSON."));
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rejected(RejectedFieldException ex) {
        return badRequest(List.of(new FieldProblem(ex.field(), ex.getMessage())));
    }

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

    private static ResponseEntity<ProblemDetail> badRequest(List<FieldProblem> errors) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
        problem.setTitle("Invalid generation request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static FieldProblem problem(FieldError error) {
        Class<?> type = typeOf(GenerateRequest.class, error.getField());
        String message = String.valueOf(error.getDefaultMessage());
        return new FieldProblem(wirePath(GenerateRequest.class, error.getField()),
                error.getRejectedValue() == null ? message + allowedValues(type) : message);
    }

    private static String path(DatabindException ex) {
        return ex.getPath()
                .stream()
                .map(reference -> reference.getPropertyName() != null
                        ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** A Java property path such as {@code settings.numImages}, spelled as the JSON spells it. */
    private static String wirePath(Class<?> root, String javaPath) {
        var names = new StringBuilder();
        Class<?> type = root;
        for (String segment : javaPath.split("\\.")) {
            RecordComponent component = component(type, segment);
            JsonProperty wire = component == null ? null : component.getAnnotation(JsonProperty.class);
            names.append(names.isEmpty() ? "" : ".").append(wire != null ? wire.value() : segment);
            type = component == null ? Object.class : component.getType();
        }
        return names.toString();
    }

    private static Class<?> typeOf(Class<?> root, String javaPath) {
        Class<?> type = root;
        for (String segment : javaPath.split("\\.")) {
            RecordComponent component = component(type, segment);
            type = component == null ? Object.class : component.getType();
        }
        return type;
    }

    private static @Nullable RecordComponent component(Class<?> type, String name) {
        return type.isRecord()
                ? Arrays.stream(type.getRecordComponents())
                        .filter(component -> component.getName().equals(name))
                        .findFirst()
                        .orElse(null)
                : null;
    }

    /** The wire names of an enum, as its {@code @JsonProperty} annotations spell them. */
    private static String allowedValues(Class<?> type) {
        if (!type.isEnum()) {
            return "";
        }
        return Arrays.stream(type.getFields())
                .filter(Field::isEnumConstant)
                .map(field -> field.getAnnotation(JsonProperty.class).value())
                .collect(Collectors.joining(", ", "; allowed values: [", "]"));
    }

    /** One field's problem, as listed in the {@code errors} member of the problem. */
    record FieldProblem(String field, String message) {
    }
}
