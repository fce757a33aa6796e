package dev.imagepipeline.web.apidoc;

import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Reads a response record's JSpecify nullness into its schema, which swagger-core cannot see (the annotations are on
 * types): a component that is not {@code @Nullable} is always written, so it is required; one that is may be written
 * as {@code null}, unless the record leaves out what is null. A record that Bean Validation constrains is a request:
 * swagger-core reads what it requires from the constraints, and its optional fields are left out rather than sent as
 * {@code null}, so it is left as it is.
 */
final class RecordNullness implements ModelConverter {

    private static final String CONSTRAINTS = "jakarta.validation.constraints";

    private final Map<String, Class<?>> named = new ConcurrentHashMap<>();

    @Override
    public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        var schema = definition(resolved, context);
        if (schema != null && raw.isRecord() && schema.getProperties() != null) {
            claimName(schema, raw);
            if (!isConstrained(raw)) {
                describeNullness(schema, raw);
            }
        }
        return resolved;
    }

    private static void describeNullness(Schema<?> schema, Class<?> record) {
        boolean writesNulls = writesNulls(record);
        for (RecordComponent component : record.getRecordComponents()) {
            String name = wireName(component);
            Schema<?> property = schema.getProperties().get(name);
            if (property == null) {
                continue;
            }
            if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                if (schema.getRequired() == null || !schema.getRequired().contains(name)) {
                    schema.addRequiredItem(name);
                }
            } else if (writesNulls) {
                nullable(property);
            }
        }
    }

    /**
     * Schemas are named by their types' simple names, so two nested {@code Settings} records would silently share
     * one, and one of them would be documented wrong. Fails the document instead.
     */
    private void claimName(Schema<?> schema, Class<?> record) {
        if (schema.getName() == null) {
            return;
        }
        var owner = named.putIfAbsent(schema.getName(), record);
        if (owner != null && owner != record) {
            throw new IllegalStateException("Both " + owner.getName() + " and " + record.getName()
                    + " would be documented as schema " + schema.getName() + "; name one with @Schema(name = ...)");
        }
    }

    /** A type resolved as a reference is defined in the context, where its properties are. */
    private static @Nullable Schema<?> definition(@Nullable Schema<?> resolved, ModelConverterContext context) {
        if (resolved == null || resolved.get$ref() == null) {
            return resolved;
        }
        String ref = resolved.get$ref();
        return context.getDefinedModels().get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static boolean isConstrained(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .flatMap(component -> Stream.of(component.getAccessor().getAnnotations(),
                        component.getAnnotatedType().getAnnotations()))
                .flatMap(Arrays::stream)
                .map(Annotation::annotationType)
                .anyMatch(annotation -> annotation.getPackageName().equals(CONSTRAINTS));
    }

    private static boolean writesNulls(Class<?> record) {
        var include = record.getAnnotation(JsonInclude.class);
        return include == null || include.value() == JsonInclude.Include.ALWAYS
                || include.value() == JsonInclude.Include.USE_DEFAULTS;
    }

    private static String wireName(RecordComponent component) {
        var renamed = component.getAccessor().getAnnotation(JsonProperty.class);
        return renamed == null || renamed.value().isEmpty() ? component.getName() : renamed.value();
    }

    /**
     * OpenAPI 3.1 adds {@code null} to the types (and to an enum's values), 3.0 says {@code nullable}. A reference is
     * left as it is: swagger-core's reference filter cannot read the {@code anyOf} that would make it nullable, and no
     * record writes one as {@code null} (ApiDocsIntegrationTests would say so).
     */
    @SuppressWarnings("unchecked")
    private static void nullable(Schema<?> property) {
        if (property.get$ref() != null) {
            return;
        }
        if (property.getSpecVersion() != SpecVersion.V31) {
            property.setNullable(true);
            return;
        }
        if (property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType("null");
        }
        if (property.getEnum() != null) {
            ((Schema<Object>) property).addEnumItemObject(null);
        }
    }
}
