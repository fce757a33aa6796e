package dev.imagepipeline.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code deploy/nginx.conf} as nginx reads it: its {@code location} blocks, the one nginx picks for a path (an exact
 * match, else the first matching regular expression, else the longest prefix), and where that one proxies to. It also
 * renders the file for a gateway whose upstreams run elsewhere than in the compose network.
 */
final class NginxConf {

    private static final Pattern LOCATION = Pattern.compile("location\\s+(=|~|\\^~)?\\s*(\\S+)\\s*\\{");
    private static final Pattern UPSTREAM = Pattern.compile("set\\s+\\$(\\w+)\\s+([\\w.-]+):(\\d+)\\s*;");
    private static final Pattern PROXY_PASS = Pattern.compile("proxy_pass\\s+http://\\$(\\w+)\\s*;");
    private static final Pattern LISTEN = Pattern.compile("listen\\s+8080\\s*;");
    private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");

    /**
     * One {@code location} block: its modifier ({@code =}, {@code ~}, {@code ^~} or none), its pattern, and the
     * {@code host:port} it proxies to, empty when it answers itself.
     */
    record Location(String modifier, String pattern, Optional<String> upstream) {

        private boolean prefixOf(String path) {
            return (modifier.isEmpty() || modifier.equals("^~")) && path.startsWith(pattern);
        }
    }

    private final String text;
    private final List<Location> locations;

    private NginxConf(String text, List<Location> locations) {
        this.text = text;
        this.locations = locations;
    }

    static NginxConf read(Path file) {
        try {
            String text = Files.readString(file);
            return new NginxConf(text, locations(COMMENT.matcher(text).replaceAll("")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Location> locations() {
        return locations;
    }

    /** The block nginx serves the path with, by its rules for choosing a location. */
    Optional<Location> route(String path) {
        var exact = locations.stream().filter(l -> l.modifier().equals("=") && l.pattern().equals(path)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        var prefix = locations.stream()
                .filter(l -> l.prefixOf(path))
                .max(Comparator.comparingInt(l -> l.pattern().length()));
        if (prefix.isPresent() && prefix.get().modifier().equals("^~")) {
            return prefix;
        }
        var regex = locations.stream()
                .filter(l -> l.modifier().equals("~") && Pattern.compile(l.pattern()).matcher(path).find())
                .findFirst();
        return regex.isPresent() ? regex : prefix;
    }

    /**
     * The file as a whole nginx configuration: its server in an {@code http} block, listening where asked, each
     * upstream's {@code <service>:<port>} replaced by where that service runs, with logs and temporary files under the
     * prefix.
     */
    String render(InetSocketAddress listen, Map<String, InetSocketAddress> upstreams, Path prefix, boolean asRoot) {
        Matcher set = UPSTREAM.matcher(text);
        var server = new StringBuilder();
        while (set.find()) {
            var upstream = upstreams.get(set.group(2));
            if (upstream == null) {
                throw new IllegalArgumentException("No address for the upstream " + set.group(2));
            }
            // An address rather than a name: nginx looks nothing up, and the Docker resolver the file names is unused.
            set.appendReplacement(server, Matcher.quoteReplacement(
                    "set $" + set.group(1) + " " + upstream.getHostString() + ":" + upstream.getPort() + ";"));
        }
        set.appendTail(server);
        String listening = LISTEN.matcher(server)
                .replaceFirst("listen " + listen.getHostString() + ":" + listen.getPort() + ";");
        // As root, nginx would hand its workers to "nobody", who cannot write under the test's private directory.
        return (asRoot ? "user root;\n" : "") + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events {
                    worker_connections 256;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                %2$s
                }
                """.formatted(prefix, listening);
    }

    private static List<Location> locations(String text) {
        var upstreams = new HashMap<String, String>();
        UPSTREAM.matcher(text).results().forEach(m -> upstreams.put(m.group(1), m.group(2) + ":" + m.group(3)));
        var locations = new ArrayList<Location>();
        Matcher location = LOCATION.matcher(text);
        while (location.find()) {
            Matcher proxy = PROXY_PASS.matcher(text.substring(location.end(), closing(text, location.end())));
            Optional<String> upstream = Optional.empty();
            if (proxy.find()) {
                upstream = Optional.ofNullable(upstreams.get(proxy.group(1)));
                if (upstream.isEmpty()) {
                    throw new IllegalArgumentException("proxy_pass names $" + proxy.group(1) + ", which no set gives");
                }
            }
            locations
                    .add(new Location(location.group(1) == null ? "" : location.group(1), location.group(2), upstream));
        }
        return locations;
    }

    /** The brace that closes the block opened just before {@code from}, nested blocks such as limit_except skipped. */
    private static int closing(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("A location block is not closed");
    }
}
