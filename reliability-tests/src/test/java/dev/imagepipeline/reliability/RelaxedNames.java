package dev.imagepipeline.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.imagepipeline.reliability.ServiceSources.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether an environment variable binds to a setting, as Spring Boot's relaxed binding maps it: lower-cased, each
 * {@code _} a dot or a dash of the property's name, or a dash left out ({@code PIPELINE_GENERATIONWORKER_IMAGES_DIRECTORY}
 * and {@code PIPELINE_GENERATION_WORKER_IMAGES_DIRECTORY} both set {@code pipeline.generation-worker.images.directory}).
 * The settings are a service's own records, walked component by component, and Spring Boot's own properties from the
 * configuration metadata its jars ship.
 */
final class RelaxedNames {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private final Map<String, String> roots;
    private final Map<String, List<Component>> records;
    private final Set<String> bootProperties;

    RelaxedNames(ServiceSources sources, Set<String> bootProperties) {
        this.roots = sources.settingsRoots();
        this.records = sources.records();
        this.bootProperties = bootProperties;
    }

    /** Every property Spring Boot's jars on the class path describe. */
    static Set<String> bootProperties() {
        var names = new TreeSet<String>();
        var json = JsonMapper.builder().build();
        try {
            for (var url : Collections.list(RelaxedNames.class.getClassLoader().getResources(METADATA))) {
                try (var in = url.openStream()) {
                    json.readTree(in).path("properties").forEach(p -> names.add(p.path("name").asString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    boolean binds(String variable) {
        var tokens = List.of(variable.toLowerCase(Locale.ROOT).split("_"));
        for (var root : roots.entrySet()) {
            for (int at : path(tokens, 0, List.of(root.getKey().split("\\.")))) {
                if (bindsTo(tokens, at, root.getValue())) {
                    return true;
                }
            }
        }
        return bootProperties.stream()
                .anyMatch(property -> path(tokens, 0, List.of(property.split("\\."))).contains(tokens.size()));
    }

    /** Whether the tokens from {@code at} name a setting of the record. */
    private boolean bindsTo(List<String> tokens, int at, String record) {
        var components = records.get(record);
        if (components == null || at == tokens.size()) {
            return false;
        }
        for (var component : components) {
            for (int next : segment(tokens, at, kebab(component.name()))) {
                // The variable ends at a value, not at a group of settings.
                if (next == tokens.size() && !records.containsKey(component.type())) {
                    return true;
                }
                if (next < tokens.size()
                        && (component.type().equals("Map") || bindsTo(tokens, next, component.type()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the tokens may stand after matching every segment in turn. */
    private static List<Integer> path(List<String> tokens, int at, List<String> segments) {
        var positions = List.of(at);
        for (var segment : segments) {
            var next = new ArrayList<Integer>();
            positions.forEach(position -> next.addAll(segment(tokens, position, segment)));
            positions = next;
        }
        return positions;
    }

    /** A segment ({@code generation-worker}) matches one token without its dashes, or one token per word. */
    private static List<Integer> segment(List<String> tokens, int at, String segment) {
        var positions = new ArrayList<Integer>();
        if (at < tokens.size() && tokens.get(at).equals(segment.replace("-", ""))) {
            positions.add(at + 1);
        }
        var words = segment.split("-");
        if (words.length > 1 && at + words.length <= tokens.size()
                && tokens.subList(at, at + words.length).equals(List.of(words))) {
            positions.add(at + words.length);
        }
        return positions;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
