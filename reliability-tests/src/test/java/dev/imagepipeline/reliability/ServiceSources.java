package dev.imagepipeline.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's code reads and serves, found in its sources and in those of the shared modules it runs with
 * ({@code pipeline-kafka}, {@code pipeline-web}): the environment variables it names, its settings records, its HTTP
 * mappings and its port. Read from the sources rather than from the running service, so that the layout is checked
 * without starting anything, and a mapping or setting added to the code is seen at once.
 */
final class ServiceSources {

    /** The modules every service runs with; their settings and variables are every service's. */
    static final List<String> SHARED = List.of("pipeline-kafka", "pipeline-web");

    private static final Pattern VARIABLE = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern PORT = Pattern.compile("(?m)^server:\\s*\\n\\s+port:\\s*(\\d+)");
    private static final Pattern SETTINGS = Pattern
            .compile("@ConfigurationProperties\\(\"([a-z.-]+)\"\\)\\s*(?:public\\s+)?record\\s+(\\w+)\\s*\\(");
    private static final Pattern RECORD = Pattern.compile("\\brecord\\s+(\\w+)\\s*\\(");
    private static final Pattern CLASS_MAPPING = Pattern
            .compile("@RequestMapping\\(\"([^\"]+)\"\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*"
                    + "(?:public\\s+|final\\s+)*class\\s");
    private static final Pattern METHOD_MAPPING = Pattern.compile("@(Get|Post|Put|Patch|Delete)Mapping\\(");
    private static final Pattern PATH = Pattern.compile("(?:(?:path|value)\\s*=\\s*)?\"([^\"]*)\"");
    private static final Pattern ALTERNATIVES = Pattern.compile("\\{\\w+:([\\w|]+)}");

    /** A settings record's component: its name, and its type's simple name (generics dropped). */
    record Component(String name, String type) {
    }

    /** An HTTP endpoint: its method and its path with variables as written ({@code /api/generate/{id}}). */
    record Mapping(String method, String path) {
    }

    private final String module;
    private final List<String> own;
    private final List<String> sources;
    private final String applicationYaml;

    private ServiceSources(String module, List<String> own, List<String> shared, String applicationYaml) {
        this.module = module;
        this.own = own;
        this.sources = Stream.concat(own.stream(), shared.stream()).toList();
        this.applicationYaml = applicationYaml;
    }

    static ServiceSources of(Path root, String module) {
        var shared = SHARED.stream()
                .flatMap(each -> javaFiles(root.resolve(each).resolve("src/main/java")).stream())
                .toList();
        return new ServiceSources(module, javaFiles(root.resolve(module).resolve("src/main/java")), shared,
                read(root.resolve(module).resolve("src/main/resources/application.yml")));
    }

    String module() {
        return module;
    }

    /** The port the service listens on by default, from its {@code application.yml}. */
    int port() {
        Matcher port = PORT.matcher(applicationYaml);
        if (!port.find()) {
            throw new IllegalStateException(module + "'s application.yml sets no server.port");
        }
        return Integer.parseInt(port.group(1));
    }

    /** Every environment variable the code names literally, or the service's {@code application.yml} wires. */
    Set<String> variables() {
        var names = new TreeSet<String>();
        sources.forEach(source -> VARIABLE.matcher(source).results().forEach(m -> names.add(m.group(1))));
        PLACEHOLDER.matcher(applicationYaml).results().forEach(m -> names.add(m.group(1)));
        return names;
    }

    /** Each settings record by its {@code @ConfigurationProperties} prefix. */
    Map<String, String> settingsRoots() {
        var roots = new HashMap<String, String>();
        sources.forEach(source -> SETTINGS.matcher(source).results().forEach(m -> roots.put(m.group(1), m.group(2))));
        return roots;
    }

    /** Every record declared in the sources, by simple name, with its components. */
    Map<String, List<Component>> records() {
        var records = new HashMap<String, List<Component>>();
        for (var source : sources) {
            Matcher header = RECORD.matcher(source);
            while (header.find()) {
                records.put(header.group(1), components(balanced(source, header.end() - 1)));
            }
        }
        return records;
    }

    /** The service's own HTTP endpoints (the shared error controller excluded: it serves no public path). */
    List<Mapping> mappings() {
        return own.stream().flatMap(source -> mappings(source).stream()).toList();
    }

    private static List<Mapping> mappings(String source) {
        Matcher type = CLASS_MAPPING.matcher(source);
        String prefix = type.find() ? type.group(1) : "";
        var mappings = new ArrayList<Mapping>();
        Matcher method = METHOD_MAPPING.matcher(source);
        while (method.find()) {
            Matcher path = PATH.matcher(balanced(source, method.end() - 1));
            String written = prefix + (path.find() ? path.group(1) : "");
            expand(written).forEach(each -> mappings.add(new Mapping(method.group(1).toUpperCase(), each)));
        }
        return mappings;
    }

    /** {@code /api/webhook/{provider:huggingface|stability}} serves two paths. */
    private static List<String> expand(String path) {
        Matcher alternatives = ALTERNATIVES.matcher(path);
        if (!alternatives.find()) {
            return List.of(path);
        }
        return Stream.of(alternatives.group(1).split("\\|"))
                .map(each -> path.substring(0, alternatives.start()) + each + path.substring(alternatives.end()))
                .toList();
    }

    /** The text between the parenthesis at {@code open} and its match, strings skipped. */
    static String balanced(String text, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && text.charAt(i - 1) != '\\') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && --depth == 0) {
                return text.substring(open + 1, i);
            }
        }
        throw new IllegalArgumentException("Unbalanced parentheses at " + open);
    }

    private static List<Component> components(String header) {
        var components = new ArrayList<Component>();
        for (var each : topLevel(header)) {
            String plain = withoutAnnotations(each).strip();
            if (plain.isEmpty()) {
                continue;
            }
            int space = plain.lastIndexOf(' ');
            String type = plain.substring(0, space).replaceAll("<.*", "").strip();
            components.add(new Component(plain.substring(space + 1), type.substring(type.lastIndexOf('.') + 1)));
        }
        return components;
    }

    /** Splits at the commas outside parentheses, generics and strings. */
    private static List<String> topLevel(String text) {
        var parts = new ArrayList<String>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '<')) {
                depth++;
            } else if (!quoted && (c == ')' || c == '>')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String withoutAnnotations(String component) {
        var out = new StringBuilder();
        int i = 0;
        while (i < component.length()) {
            if (component.charAt(i) != '@') {
                out.append(component.charAt(i++));
                continue;
            }
            i++;
            while (i < component.length()
                    && (Character.isJavaIdentifierPart(component.charAt(i)) || component.charAt(i) == '.')) {
                i++;
            }
            int next = i;
            while (next < component.length() && component.charAt(next) == ' ') {
                next++;
            }
            if (next < component.length() && component.charAt(next) == '(') {
                i = next + balanced(component, next).length() + 2;
            }
        }
        return out.toString().replaceAll("\\s+", " ");
    }

    private static List<String> javaFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (var files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().map(ServiceSources::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
