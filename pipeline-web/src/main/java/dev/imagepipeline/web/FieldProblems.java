package dev.imagepipeline.web;

import static java.util.Comparator.comparing;

import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import jakarta.validation.ConstraintViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.ValueInstantiationException;

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

    /**
     * The problem of a value Jackson could not bind: of the wrong type, out of range or too long. {@code null} when
     * the input is not JSON at all, or no field is to blame.
     */
    public static @Nullable FieldProblem ofBinding(JacksonException ex) {
        if (ex instanceof InvalidFormatException invalid && invalid.getTargetType().isEnum()) {
            return new FieldProblem(WireNames.path(invalid),
                    "'" + invalid.getValue() + "' is not allowed" + allowedValues(invalid.getTargetType()));
        }
        if (ex.getPath().isEmpty()) {
            return null;
        }
        String message = switch (ex) {
            case InputCoercionException outOfRange -> "is out of range";
            case StreamConstraintsException tooBig -> "is too long or too deeply nested";
            case DatabindException mapping -> "has the wrong type";
            // A syntax error met inside a field: the body as a whole is not JSON.
            default -> null;
        };
        return message == null ? null : new FieldProblem(WireNames.path(ex), message);
    }

    /**
     * A value the body's record refused to be made of: a field its constructor requires left out or null, or one it
     * found invalid, named by its wire path.
     */
    public static FieldProblem ofRefusedValue(ValueInstantiationException ex) {
        String path = WireNames.path(ex);
        var cause = ex.getCause();
        String message = cause == null ? null : cause.getMessage();
        if (cause instanceof NullPointerException && message != null && message.matches("[A-Za-z]\\w*")) {
            // Objects.requireNonNull names the component it found missing.
            return new FieldProblem(path.isEmpty() ? message : path + "." + message, "must not be null");
        }
        if (cause instanceof IllegalArgumentException && message != null) {
            return new FieldProblem(path, message);
        }
        return new FieldProblem(path, "is not valid");
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
