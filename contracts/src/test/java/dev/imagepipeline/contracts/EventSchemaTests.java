package dev.imagepipeline.contracts;

import static dev.imagepipeline.contracts.PublishedSchemas.CANCEL_REQUESTED;
import static dev.imagepipeline.contracts.PublishedSchemas.CATALOG_RECEIVED;
import static dev.imagepipeline.contracts.PublishedSchemas.COMMON;
import static dev.imagepipeline.contracts.PublishedSchemas.JOB_EVENT;
import static dev.imagepipeline.contracts.PublishedSchemas.JOB_SUBMITTED;
import static dev.imagepipeline.contracts.PublishedSchemas.JSON;
import static dev.imagepipeline.contracts.PublishedSchemas.PROVIDER_CALLBACK;
import static dev.imagepipeline.contracts.PublishedSchemas.document;
import static dev.imagepipeline.contracts.PublishedSchemas.example;
import static dev.imagepipeline.contracts.PublishedSchemas.violations;
import static dev.imagepipeline.contracts.PublishedSchemas.written;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published schemas in {@code docs/events} describe what the pipeline really writes: every record, serialized as
 * the pipeline serializes it, is valid; so is every example file; and every field, event type and enum constant of the
 * contract is in a schema.
 */
class EventSchemaTests {

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final JobId JOB = new JobId(UUID.fromString("0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b"));
    private static final CatalogId CATALOG = CatalogId.forKey("spring-catalog-2026");
    private static final CatalogItem ITEM = new CatalogItem(CATALOG, "DRIP-0042", 7, 5);

    /** A real record, the schema of its topic, and its example file when it has one. */
    record Example(Object record, String schema, @Nullable String file) {

        @Override
        public String toString() {
            return file != null ? file : record.getClass().getSimpleName();
        }
    }

    static Stream<Example> examples() {
        var events = EventJsonTests.jobEvents()
                .map(arguments -> new Example(arguments.get()[1], JOB_EVENT, (String) arguments.get()[0]));
        return Stream.concat(events, Stream.of(
                new Example(new JobSubmitted(JOB, "ceramic pour-over coffee dripper, matte black",
                        "hand-glazed, for two cups", Category.KITCHENWARE, Style.WHITE_BACKGROUND,
                        Marketplace.WEB_SHOP_SQUARE, new GenerationSettings(2, Resolution.R1024, 7.5, 42L), "local",
                        null, null, Lane.INTERACTIVE, Instant.parse("2026-11-27T10:15:30Z"), null, null), JOB_SUBMITTED,
                        "job-submitted.json"),
                new Example(
                        new JobSubmitted(CATALOG.job("DRIP-0042"), "ceramic pour-over coffee dripper, matte black",
                                null, Category.KITCHENWARE, Style.STUDIO, null,
                                new GenerationSettings(1, Resolution.R1024, null, null), null, null, null, Lane.BULK,
                                Instant.parse("2026-11-27T10:20:00Z"), ITEM, "shop-a"),
                        JOB_SUBMITTED, "job-submitted-catalog-item.json"),
                new Example(new ProviderCallback(JOB, Instant.parse("2026-11-27T10:15:33Z"), "replicate",
                        "msg_2pVq8kTestVector0001", "{\"id\":\"q6w3k9r2hdrm80cm1b2tzx4a7c\",\"status\":\"succeeded\"}"),
                        PROVIDER_CALLBACK, "provider-callback.json"),
                new Example(new CancelRequested(JOB, Instant.parse("2026-11-27T10:15:31.750Z"), "replicate",
                        "q6w3k9r2hdrm80cm1b2tzx4a7c"), CANCEL_REQUESTED, "cancel-requested.json"),
                new Example(CancelRequested.catalog(CATALOG, Instant.parse("2026-11-27T10:25:00Z")), CANCEL_REQUESTED,
                        "cancel-requested-catalog.json"),
                new Example(new CatalogReceived(CATALOG, Instant.parse("2026-11-27T10:20:01Z"), 998, 998, 2,
                        List.of(new CatalogReceived.RejectedLine(12, "MUG-0012",
                                "style must be one of studio, lifestyle, white_background, minimal, luxury, flat_lay"),
                                new CatalogReceived.RejectedLine(40, null, "sku must not be blank")),
                        "spring-catalog-2026", "shop-a"), CATALOG_RECEIVED, "catalog-received.json"),
                // Records without an example file: the fields the others leave empty, and the reverse.
                new Example(new JobAccepted(CATALOG.job("DRIP-0042"), Instant.parse("2026-11-27T10:20:00Z"),
                        "ceramic pour-over coffee dripper, matte black", Category.KITCHENWARE, Style.STUDIO,
                        new GenerationSettings(1, Resolution.R512, null, 7L), "replicate", Lane.BULK, null, ITEM,
                        "shop-a"), JOB_EVENT, null),
                new Example(new PromptPrepared(JOB, Instant.parse("2026-11-27T10:15:30.250Z"), "mug", Category.OTHER,
                        Style.FLAT_LAY, "mug, flat lay", "",
                        new ModelSettings(1024, 1024, 1, null, null, 4_294_967_295L), "replicate", null, Lane.BULK,
                        null, null, List.of(), ITEM, null), JOB_EVENT, null),
                new Example(new GenerationSucceeded(JOB, Instant.parse("2026-11-27T10:15:32Z"), "stability", "core", 1,
                        List.of(), List.of(), List.of()), JOB_EVENT, null)));
    }

    @Nested
    class RealRecords {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.imagepipeline.contracts.EventSchemaTests#examples")
        void areValidAsThePipelineWritesThem(Example example) {
            assertThat(violations(example.schema(), written(example.record()))).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.imagepipeline.contracts.EventSchemaTests#examples")
        void carryTheContractVersion(Example example) {
            assertThat(written(example.record()).get("version").asInt()).isEqualTo(Versioned.VERSION).isEqualTo(1);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.imagepipeline.contracts.EventSchemaTests#examples")
        void areWrittenAsTheirExampleFileAndReadBackFromIt(Example example) {
            if (example.file() == null) {
                return;
            }
            assertThat(written(example.record())).isEqualTo(example(example.file()));
            // Strict, so that a field the record does not take back, version included, would fail the read.
            assertThat(STRICT.treeToValue(example(example.file()), example.record().getClass()))
                    .isEqualTo(example.record());
        }

        @Test
        void areReadWithoutTheVersionAsRecordsWrittenBeforeIt() {
            ObjectNode older = (ObjectNode) example("cancel-requested.json");
            older.remove("version");

            assertThat(JSON.treeToValue(older, CancelRequested.class)).isEqualTo(new CancelRequested(JOB,
                    Instant.parse("2026-11-27T10:15:31.750Z"), "replicate", "q6w3k9r2hdrm80cm1b2tzx4a7c"));
            assertThat(violations(CANCEL_REQUESTED, older)).isEmpty();
        }
    }

    @Nested
    class ExampleFiles {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.imagepipeline.contracts.EventSchemaTests#examples")
        void areValid(Example example) {
            if (example.file() != null) {
                assertThat(violations(example.schema(), example(example.file()))).isEmpty();
            }
        }

        @Test
        void areAllChecked() throws IOException, URISyntaxException {
            Set<String> files;
            try (var listing = Files.list(Path.of(EventSchemaTests.class.getResource("/events").toURI()))) {
                files = new HashSet<>(listing.map(path -> path.getFileName().toString()).toList());
            }

            assertThat(examples().map(Example::file).filter(file -> file != null))
                    .containsExactlyInAnyOrderElementsOf(files);
        }
    }

    @Nested
    class Rejects {

        @Test
        void anEventWithoutARequiredField() {
            ObjectNode succeeded = (ObjectNode) example("succeeded.json");
            succeeded.remove("images");

            assertThat(violations(JOB_EVENT, succeeded)).anyMatch(violation -> violation.contains("images"));
        }

        @Test
        void aRequestWithoutARequiredField() {
            ObjectNode submitted = (ObjectNode) example("job-submitted.json");
            submitted.remove("settings");

            assertThat(violations(JOB_SUBMITTED, submitted)).anyMatch(violation -> violation.contains("settings"));
        }

        @Test
        void anEventTypeItDoesNotDescribe() {
            assertThat(violations(JOB_EVENT, """
                    {"type":"teleported","jobId":"0b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b","at":"2026-11-27T10:15:32Z"}
                    """)).isNotEmpty();
        }

        @Test
        void aValueOutsideAnEnum() {
            ObjectNode accepted = (ObjectNode) example("accepted.json");
            accepted.put("style", "polaroid");

            assertThat(violations(JOB_EVENT, accepted)).anyMatch(violation -> violation.contains("style"));
        }

        @Test
        void aJobIdThatIsNotAUuid() {
            ObjectNode canceled = (ObjectNode) example("canceled.json");
            canceled.put("jobId", "job-42");

            assertThat(violations(JOB_EVENT, canceled)).anyMatch(violation -> violation.contains("jobId"));
        }

        @Test
        void aTimestampThatIsNotOne() {
            ObjectNode failed = (ObjectNode) example("failed.json");
            failed.put("at", "yesterday");

            assertThat(violations(JOB_EVENT, failed)).anyMatch(violation -> violation.contains("at"));
        }

        @Test
        void anotherVersion() {
            ObjectNode progress = (ObjectNode) example("progress.json");
            progress.put("version", 2);

            assertThat(violations(JOB_EVENT, progress)).anyMatch(violation -> violation.contains("version"));
        }

        @Test
        void aCancelRequestNamingBothAJobAndACatalog() {
            ObjectNode both = (ObjectNode) example("cancel-requested.json");
            both.put("catalogId", CATALOG.toString());

            assertThat(violations(CANCEL_REQUESTED, both)).isNotEmpty();
        }

        @Test
        void aBlankDescription() {
            ObjectNode submitted = (ObjectNode) example("job-submitted.json");
            submitted.put("description", "   ");

            assertThat(violations(JOB_SUBMITTED, submitted)).anyMatch(violation -> violation.contains("description"));
        }

        @Test
        void noFieldItDoesNotKnowSinceNewFieldsAreCompatible() {
            ObjectNode newer = (ObjectNode) example("succeeded.json");
            newer.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
            ((ObjectNode) newer.get("images").get(0)).put("altText", "a dripper");

            assertThat(violations(JOB_EVENT, newer)).isEmpty();
        }
    }

    @Nested
    class Coverage {

        @Test
        void describesEveryJobEventTypeAndNoOther() {
            var annotated = Arrays.stream(JobEvent.class.getAnnotation(JsonSubTypes.class).value()).toList();
            JsonNode schema = document(JOB_EVENT);

            assertThat(annotated).extracting(JsonSubTypes.Type::value)
                    .containsExactlyInAnyOrder(JobEvent.class.getPermittedSubclasses());
            assertThat(schema.get("$defs").propertyNames())
                    .containsExactlyInAnyOrderElementsOf(annotated.stream().map(JsonSubTypes.Type::name).toList());
            assertThat(schema.get("oneOf").valueStream().map(branch -> branch.get("$ref").asString()))
                    .containsExactlyInAnyOrderElementsOf(
                            annotated.stream().map(type -> "#/$defs/" + type.name()).toList());
            for (var type : annotated) {
                assertThat(schema.at("/$defs/" + type.name() + "/properties/type/const").asString())
                        .isEqualTo(type.name());
            }
        }

        @Test
        void describesEveryFieldOfEveryJobEvent() {
            JsonNode schema = document(JOB_EVENT);
            var envelope = schema.get("properties").propertyNames();
            for (var type : JobEvent.class.getAnnotation(JsonSubTypes.class).value()) {
                var described = new HashSet<>(envelope);
                described.addAll(schema.at("/$defs/" + type.name() + "/properties").propertyNames());

                assertThat(described).as(type.name()).containsExactlyInAnyOrderElementsOf(wireFields(type.value()));
            }
        }

        @Test
        void describesEveryFieldOfEveryOtherRecord() {
            assertDescribes(JOB_SUBMITTED, "/properties", JobSubmitted.class);
            assertDescribes(PROVIDER_CALLBACK, "/properties", ProviderCallback.class);
            assertDescribes(CANCEL_REQUESTED, "/properties", CancelRequested.class);
            assertDescribes(CATALOG_RECEIVED, "/properties", CatalogReceived.class);
            assertDescribes(CATALOG_RECEIVED, "/properties/rejected/items/properties",
                    CatalogReceived.RejectedLine.class);
            assertDescribes(COMMON, "/$defs/GenerationSettings/properties", GenerationSettings.class);
            assertDescribes(COMMON, "/$defs/ModelSettings/properties", ModelSettings.class);
            assertDescribes(COMMON, "/$defs/CatalogItem/properties", CatalogItem.class);
            assertDescribes(COMMON, "/$defs/GeneratedImage/properties", GeneratedImage.class);
            assertDescribes(COMMON, "/$defs/ProviderRun/properties", ProviderRun.class);
        }

        @Test
        void listsEveryEnumConstantAndNoOther() {
            assertEnum("Category", Category.values());
            assertEnum("Style", Style.values());
            assertEnum("Marketplace", Marketplace.values());
            assertEnum("Resolution", Resolution.values());
            assertEnum("Lane", Lane.values());
        }

        private static void assertDescribes(String schema, String pointer, Class<?> record) {
            assertThat(document(schema).at(pointer).propertyNames()).as(record.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(wireFields(record));
        }

        private static void assertEnum(String name, Enum<?>[] constants) {
            assertThat(document(COMMON).at("/$defs/" + name + "/enum").valueStream().map(JsonNode::asString)).as(name)
                    .containsExactlyInAnyOrderElementsOf(
                            Arrays.stream(constants).map(constant -> JSON.valueToTree(constant).asString()).toList());
        }

        /** The record's components, and what every record of the contract adds. */
        private static List<String> wireFields(Class<?> record) {
            var fields = Stream.of(record.getRecordComponents()).map(component -> component.getName());
            var added = Stream.<String>builder();
            if (Versioned.class.isAssignableFrom(record)) {
                added.add("version");
            }
            if (JobEvent.class.isAssignableFrom(record)) {
                added.add("type");
            }
            return Stream.concat(fields, added.build()).toList();
        }
    }
}
