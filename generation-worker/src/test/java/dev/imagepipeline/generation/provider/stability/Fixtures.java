package dev.imagepipeline.generation.provider.stability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Stability AI contract fixtures, served as wire bodies: their annotation keys (those starting with {@code _})
 * removed, and a reading of the form a stub received.
 */
final class Fixtures {

    private static final String FOLDER = "/provider-contracts/stability/";

    private Fixtures() {
    }

    /** A fixture's wire body, which a test may change before serving it. */
    static ObjectNode json(String name) {
        var node = (ObjectNode) annotated(name);
        var annotations = new ArrayList<>(node.propertyNames()).stream().filter(key -> key.startsWith("_")).toList();
        node.remove(annotations);
        return node;
    }

    static String body(String name) {
        return json(name).toString();
    }

    /** The HTTP status the fixture documents in {@code _status}. */
    static int status(String name) {
        return annotated(name).get("_status").asInt();
    }

    /** The image a fixture holds in base64 at a JSON pointer. */
    static byte[] image(String name, String pointer) {
        return Base64.getDecoder().decode(json(name).at(pointer).asString());
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The text parts of a multipart request, by name. */
    static Map<String, String> parts(LoggedRequest request) {
        return request.getParts()
                .stream()
                .collect(Collectors.toMap(Request.Part::getName, part -> part.getBody().asString()));
    }

    static JsonNode parse(String json) {
        return JsonMapper.shared().readTree(json);
    }

    private static JsonNode annotated(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JsonMapper.shared().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
