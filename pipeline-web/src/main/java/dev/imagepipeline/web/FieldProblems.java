package dev.imagepipeline.web;

import static java.util.Comparator.comparing;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import jakarta.validation.ConstraintViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Words a bad field the way the client wrote it, for a problem response and for a line of an upload alike: the field's
 * wire name, what is wrong, and for an enum the values it allows.
 */
public final class FieldProblems {

    private FieldProblems() {
    }

    /** One field's problem, as listed in the {@code errors} member of a problem. */
    public record FieldProblem(String field, String message) {

        @Override
        public String toString() {
            return field + " " + message;
        }
    }

    /** The problems of a value Jackson could not bind, or {@code null} when the input is not JSON at all. */
    public static @Nullable FieldProblem ofBinding(JacksonException ex) {
        if (ex instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            return new FieldProblem(WireNames.path(invalid),
                    "'" + invalid.getValue() + "' is not allowed" + allowedValues(invalid.getTargetType()));
        }
        if (ex instanceof DatabindException mapping && !mapping.getPath().isEmpty()) {
            return new FieldProblem(WireNames.path(mapping), "has the wrong type");
        }
        return null;
    }

    /** The violations of a validated record, each named by its wire path; a missing enum lists its values. */
    public static List<FieldProblem> ofViolations(Class<?> body, Collection<? extends ConstraintViolation<?>> found) {
        return sorted(found.stream().map(violation -> {
            var property = WireNames.property(body, violation.getPropertyPath().toString());
            String message = violation.getMessage();
            return new FieldProblem(property.path(),
                    violation.getInvalidValue() == null ? message + allowedValues(property.type()) : message);
        }).toList());
    }

    /** A missing enum is answered with the values it could have had. */
    static FieldProblem ofField(Class<?> body, String javaPath, @Nullable Object rejected, String message) {
        var property = WireNames.property(body, javaPath);
        return new FieldProblem(property.path(), rejected == null ? message + allowedValues(property.type()) : message);
    }

    static List<FieldProblem> sorted(List<FieldProblem> problems) {
        return problems.stream().sorted(comparing(FieldProblem::field).thenComparing(FieldProblem::message)).toList();
    }

    /** The problems in one sentence, as a problem's {@code detail} or an upload line's reason. */
    public static String describe(List<FieldProblem> problems) {
        return problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; "));
    }

    private static String allowedValues(Class<?> type) {
        var allowed = WireNames.allowedValues(type);
        return allowed.isEmpty() ? "" : "; allowed values: " + allowed;
    }
}
