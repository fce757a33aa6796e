package dev.imagepipeline.web;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.core.JacksonException;

/** Spells fields and enum constants as the JSON spells them: by their {@code @JsonProperty} names. */
final class WireNames {

    /** A property name such as {@code numImages}, or an index or key such as {@code [0]}. */
    private static final Pattern STEP = Pattern.compile("\\[[^\\]]*\\]|[^.\\[]+");

    private WireNames() {
    }

    /**
     * Follows a path such as {@code targets[0].numImages}, as Spring's validation names a field, from the body's type.
     * A step that is not a record component is kept as written, and leads to {@code Object}.
     */
    static Property property(Class<?> root, String javaPath) {
        var path = new StringBuilder();
        Type type = root;
        var steps = STEP.matcher(javaPath);
        while (steps.find()) {
            String step = steps.group();
            if (step.startsWith("[")) {
                path.append(step);
                type = elementType(type);
                continue;
            }
            RecordComponent component = component(rawType(type), step);
            path.append(path.isEmpty() ? "" : ".").append(component == null ? step : wireName(component));
            type = component == null ? Object.class : component.getGenericType();
        }
        return new Property(path.toString(), rawType(type));
    }

    /** The path where Jackson gave up, such as {@code targets[0].max_bytes}; Jackson already uses wire names. */
    static String path(JacksonException ex) {
        var path = new StringBuilder();
        for (var reference : ex.getPath()) {
            if (reference.getPropertyName() == null) {
                path.append('[').append(reference.getIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
        }
        return path.toString();
    }

    /** The values an enum accepts, in declaration order; empty for any other type. */
    static List<String> allowedValues(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        return constants == null
                ? List.of()
                : Arrays.stream(constants).map(constant -> wireName((Enum<?>) constant)).toList();
    }

    private static String wireName(RecordComponent component) {
        // @JsonProperty cannot target a record component; Java copies it to the accessor instead.
        return wireName(component.getAccessor(), component.getName());
    }

    private static String wireName(Enum<?> constant) {
        try {
            // Jackson 3 reads an enum without @JsonProperty by its toString().
            return wireName(constant.getDeclaringClass().getField(constant.name()), constant.toString());
        } catch (NoSuchFieldException impossible) {
            throw new IllegalStateException("Every enum constant is a public field of its enum", impossible);
        }
    }

    private static String wireName(AnnotatedElement element, String otherwise) {
        JsonProperty property = element.getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? otherwise : property.value();
    }

    private static @Nullable RecordComponent component(Class<?> type, String name) {
        if (!type.isRecord()) {
            return null;
        }
        return Arrays.stream(type.getRecordComponents())
                .filter(component -> component.getName().equals(name))
                .findFirst()
                .orElse(null);
    }

    /** What one element of an array, a collection or a map's values is. */
    private static Type elementType(Type container) {
        return switch (container) {
            case Class<?> array when array.isArray() -> array.getComponentType();
            case GenericArrayType array -> array.getGenericComponentType();
            case ParameterizedType generic -> lastOf(generic.getActualTypeArguments());
            default -> Object.class;
        };
    }

    /** {@code E} of {@code List<E>}, {@code V} of {@code Map<K, V>}. */
    private static Type lastOf(Type[] typeArguments) {
        return typeArguments[typeArguments.length - 1];
    }

    private static Class<?> rawType(Type type) {
        return switch (type) {
            case Class<?> plain -> plain;
            case ParameterizedType generic -> rawType(generic.getRawType());
            case WildcardType wildcard -> rawType(wildcard.getUpperBounds()[0]);
            default -> Object.class;
        };
    }

    /** Where a path leads: its wire spelling and the type found there. */
    record Property(String path, Class<?> type) {
    }
}
