package dev.imagepipeline.web.apidoc;

import java.util.Comparator;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Adds to every operation the answers the shared web layer gives, so that controllers document only their own: the API
 * key and its {@code 401}, the rate limit's {@code 429}, a bad request's {@code 400}, a body's {@code 413} and
 * {@code 415}. Every error answer, a controller's own included, is problem details.
 */
final class ProblemAnswers implements OpenApiCustomizer {

    static final String PROBLEM = "ProblemDetail";
    static final String API_KEY = "apiKey";
    private static final String ANY = MediaType.ALL_VALUE;

    @Override
    public void customise(OpenAPI openApi) {
        var components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas(PROBLEM, ProblemSchemas.problem());
        components.addSchemas(ProblemSchemas.FIELD_PROBLEM, ProblemSchemas.fieldProblem());
        components.addSecuritySchemes(API_KEY,
                new SecurityScheme().type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API key from PIPELINE_API_KEYS. Not needed while access control is off, "
                                + "as in the standalone runner without keys."));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> customise(path, operation)));
    }

    private static void customise(String path, Operation operation) {
        var responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean keyed = needsKey(path);
        boolean body = operation.getRequestBody() != null;
        boolean input = body || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (input && !path.startsWith("/api/images/")) {
            responses.putIfAbsent("400", answer("The request is malformed. When fields are to blame, `errors` "
                    + "names each as the client wrote it, and for a fixed set the values it allows."));
        }
        if (keyed) {
            operation.addSecurityItem(new SecurityRequirement().addList(API_KEY));
            responses.putIfAbsent("401", answer("No API key, or one this service does not know."));
            responses.putIfAbsent("429", answer("The client made more requests than its rate allows."));
        }
        if (body) {
            responses.putIfAbsent("413", answer("The body is larger than this endpoint takes."));
        }
        if (body && keyed) {
            // Webhooks read their body as bytes, whatever its type, as the signature covers the bytes.
            responses.putIfAbsent("415", answer("The body is not of a type this endpoint takes."));
        }
        responses.forEach((status, response) -> {
            if (status.equals("429") || status.equals("503")) {
                retryAfter(response);
            }
            if (isError(status)) {
                response.setContent(problemContent());
            } else if (response.getContent() != null && response.getContent().containsKey(ANY)) {
                // A mapping that names no type answers JSON: its body is a record, written by Jackson.
                var json = response.getContent().remove(ANY);
                response.getContent().addMediaType(MediaType.APPLICATION_JSON_VALUE, json);
            }
        });
        operation.setResponses(sorted(responses));
    }

    /** Webhooks carry their sender's signature, and images are fetched by unguessable URLs; the rest needs a key. */
    private static boolean needsKey(String path) {
        return path.startsWith("/api/") && !path.startsWith("/api/webhook/") && !path.startsWith("/api/images/");
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static ApiResponse answer(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    static Content problemContent() {
        return new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref(ref(PROBLEM))));
    }

    /** Every {@code 429}, and every {@code 503} that knows when to try again, says so. */
    private static void retryAfter(ApiResponse response) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(HttpHeaders.RETRY_AFTER)) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER,
                    new Header().description("Seconds to wait before trying again.").schema(new IntegerSchema()));
        }
    }

    static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }

    private static ApiResponses sorted(ApiResponses responses) {
        var ordered = new ApiResponses();
        responses.entrySet()
                .stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> ordered.addApiResponse(entry.getKey(), entry.getValue()));
        ordered.setExtensions(responses.getExtensions());
        return ordered;
    }

    /** Kept apart so that {@code StringSchema} and friends do not crowd the customizer. */
    static final class ProblemSchemas {

        static final String FIELD_PROBLEM = "FieldProblem";

        private ProblemSchemas() {
        }

        /** RFC 9457 problem details, with the members this API adds; more may come. */
        static Schema<?> problem() {
            return object().description("RFC 9457 problem details. Members other than these may be added.")
                    .addProperty("type",
                            new StringSchema().description("A URI naming the kind of problem; "
                                    + "`about:blank` when the status says it all."))
                    .addProperty("title", new StringSchema().description("The kind of problem, in words."))
                    .addProperty("status", new IntegerSchema().description("The HTTP status."))
                    .addProperty("detail", new StringSchema().description("What is wrong with this request."))
                    .addProperty("instance", new StringSchema().description("The path that was asked for."))
                    .addProperty("errors",
                            new io.swagger.v3.oas.models.media.ArraySchema()
                                    .items(new Schema<>().$ref(ref(FIELD_PROBLEM)))
                                    .description("For a bad request: each field that is wrong."))
                    // An empty schema, not true, which swagger-core's reference filter cannot read.
                    .additionalProperties(new Schema<>())
                    .addRequiredItem("status")
                    .addRequiredItem("title");
        }

        /** An object in OpenAPI 3.0, which reads {@code type}, and in 3.1, which reads {@code types}. */
        private static Schema<?> object() {
            var object = new Schema<>().type("object");
            object.addType("object");
            return object;
        }

        static Schema<?> fieldProblem() {
            return object()
                    .addProperty("field",
                            new StringSchema().description("The field, header or parameter, as "
                                    + "the client named it, such as `settings.num_images`."))
                    .addProperty("message",
                            new StringSchema().description(
                                    "What is wrong with it, and for a " + "fixed set the values it allows."))
                    .addRequiredItem("field")
                    .addRequiredItem("message");
        }
    }
}
