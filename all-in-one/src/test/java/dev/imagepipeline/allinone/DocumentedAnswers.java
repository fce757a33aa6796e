package dev.imagepipeline.allinone;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runner's OpenAPI description, asked what it documents for a real answer: the operation whose path template the
 * request's path matches, the answer's status, its media type, and the schema given for them. A body is checked
 * strictly: a member an object schema does not list is a violation, so that a field documented under another name
 * fails as surely as one of the wrong type. (Problem details say they may carry more members, and so they may.)
 */
final class DocumentedAnswers {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode spec;
    private final JsonNode strictComponents;

    DocumentedAnswers(JsonNode spec) {
        this.spec = spec;
        this.strictComponents = strict(spec.get("components").deepCopy());
    }

    /** What is wrong with the answer by the description, one line each; empty when it is as documented. */
    List<String> violations(String method, HttpResponse<String> answer, JsonNode body) {
        var schema = schema(method, answer);
        var root = (ObjectNode) strict(schema.deepCopy());
        // The body's schema at the root, with the components beside it, so that #/components/... resolves.
        root.set("components", strictComponents);
        List<Error> errors = SCHEMAS.getSchema(root).validate(body);
        var found = new ArrayList<String>();
        errors.forEach(error -> found.add(error.toString()));
        return found;
    }

    /** The schema documented for this answer to this request; fails when the status or media type is not documented. */
    JsonNode schema(String method, HttpResponse<String> answer) {
        var operation = operation(method, answer.request().uri());
        String status = Integer.toString(answer.statusCode());
        var response = operation.path("responses").path(status);
        if (response.isMissingNode()) {
            throw new AssertionError(method + " " + answer.request().uri().getPath() + " answered " + status
                    + ", which its description does not list: " + operation.path("responses").propertyNames());
        }
        String mediaType = answer.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        var content = response.path("content").path(mediaType);
        if (content.isMissingNode()) {
            throw new AssertionError(method + " " + answer.request().uri().getPath() + " " + status + " answered "
                    + mediaType + ", which its description does not list: " + response.path("content").propertyNames());
        }
        return content.get("schema");
    }

    /** The operation for the method at the path template the URI's path matches. */
    JsonNode operation(String method, URI uri) {
        String path = uri.getPath();
        for (var template : spec.get("paths").properties()) {
            if (pattern(template.getKey()).matcher(path).matches()) {
                var operation = template.getValue().path(method.toLowerCase(Locale.ROOT));
                if (!operation.isMissingNode()) {
                    return operation;
                }
            }
        }
        throw new AssertionError("No operation documented for " + method + " " + path);
    }

    /** Each {@code {name}} of a template stands for one path segment. */
    private static Pattern pattern(String template) {
        var regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    /** Every object schema that lists its properties and says nothing of others allows no others. */
    private static JsonNode strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.forEach(DocumentedAnswers::strict);
        } else if (node.isArray()) {
            node.forEach(DocumentedAnswers::strict);
        }
        return node;
    }
}
