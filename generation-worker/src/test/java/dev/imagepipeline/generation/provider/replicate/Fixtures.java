package dev.imagepipeline.generation.provider.replicate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The contract fixtures copied from shared/provider-contracts/replicate, ready to serve, and images to serve. */
final class Fixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    /** The fixture without its {@code _} annotations, as a wire body. */
    static String body(String name) {
        return JSON.writeValueAsString(fields(name));
    }

    /** The fixture with some top-level fields replaced. */
    static String body(String name, Map<String, Object> replaced) {
        var fields = fields(name);
        fields.putAll(replaced);
        return JSON.writeValueAsString(fields);
    }

    /** A prediction whose output URLs point at {@code filesBaseUrl} instead of replicate.delivery. */
    static String prediction(String body, String filesBaseUrl) {
        return body.replace("https://replicate.delivery", filesBaseUrl);
    }

    /** The fixture's top-level fields, without its {@code _} annotations. */
    static Map<String, Object> fields(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/provider-contracts/replicate/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            var fields = JSON.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
            fields.keySet().removeIf(key -> key.startsWith("_"));
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> json(String body) {
        return JSON.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

}
