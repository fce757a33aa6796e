package dev.imagepipeline.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas of {@code docs/events}, which the build copies to {@code schemas/} on the test class path, and the
 * JSON form the pipeline writes records in.
 */
final class PublishedSchemas {

    /**
     * Boot's auto-configured mapper, which pipeline-kafka's serializer writes every record with: Jackson 3's defaults
     * with these two features set as Boot sets them.
     */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    // Draft 2020-12 makes "format" an annotation only; the contract means it, so it is asserted.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    static final String JOB_EVENT = "job-event.schema.json";
    static final String JOB_SUBMITTED = "job-submitted.schema.json";
    static final String PROVIDER_CALLBACK = "provider-callback.schema.json";
    static final String CANCEL_REQUESTED = "cancel-requested.schema.json";
    static final String CATALOG_RECEIVED = "catalog-received.schema.json";
    static final String COMMON = "common.schema.json";

    private PublishedSchemas() {
    }

    /** What is wrong with the JSON by the schema, one line each; empty when it is valid. */
    static List<String> violations(String schema, JsonNode record) {
        List<Error> errors = REGISTRY.getSchema(SchemaLocation.of("classpath:schemas/" + schema)).validate(record);
        return errors.stream().map(Error::toString).toList();
    }

    static List<String> violations(String schema, String record) {
        return violations(schema, JSON.readTree(record));
    }

    /** A record as the pipeline writes it onto its topic. */
    static JsonNode written(Object record) {
        return JSON.readTree(JSON.writeValueAsString(record));
    }

    /** The schema file itself, to read what it declares. */
    static JsonNode document(String schema) {
        return read("/schemas/" + schema);
    }

    static JsonNode example(String file) {
        return read("/events/" + file);
    }

    private static JsonNode read(String resource) {
        try (InputStream in = PublishedSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
