package dev.imagepipeline.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml} as Compose reads it: YAML with its anchors and merge keys resolved, and the variables it
 * interpolates from {@code .env}.
 */
final class ComposeFile {

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private final String text;
    private final Map<String, Object> yaml;

    private ComposeFile(String text, Map<String, Object> yaml) {
        this.text = text;
        this.yaml = yaml;
    }

    static ComposeFile read(Path file) {
        try {
            String text = Files.readString(file);
            return new ComposeFile(text, new Yaml().load(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Map<String, Object>> services() {
        return map(yaml.get("services"));
    }

    Map<String, Object> service(String name) {
        var service = services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    /** The variables the service's container gets, by name (in either of Compose's two forms). */
    Set<String> environment(String service) {
        Object environment = service(service).get("environment");
        var names = new TreeSet<String>();
        if (environment instanceof Map<?, ?> map) {
            map.keySet().forEach(name -> names.add(name.toString()));
        } else if (environment instanceof List<?> list) {
            list.forEach(entry -> names.add(entry.toString().split("=", 2)[0]));
        }
        return names;
    }

    /** Every {@code ${NAME}} the file interpolates, from the shell or {@code .env}. */
    Set<String> interpolated() {
        var names = new TreeSet<String>();
        INTERPOLATION.matcher(text).results().forEach(m -> names.add(m.group(1)));
        return names;
    }

    /** The value at a path of keys, such as {@code build.args.MODULE}; null when absent. */
    Object at(String service, String path) {
        Object value = service(service);
        for (var key : path.split("\\.")) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> map(Object value) {
        return (Map<String, T>) value;
    }
}
