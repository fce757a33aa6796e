package dev.imagepipeline.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;

/**
 * The real nginx, run as the test's user with its own prefix, pid, logs and temporary files, serving
 * {@code deploy/nginx.conf} with each upstream at the address its service was started on.
 */
final class NginxGateway implements AutoCloseable {

    private static final List<Path> PLACES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/local/sbin/nginx"),
            Path.of("/usr/local/nginx/sbin/nginx"), Path.of("/opt/homebrew/bin/nginx"),
            Path.of("/usr/local/bin/nginx"));

    private final Process process;
    private final Path prefix;
    private final int port;

    private NginxGateway(Process process, Path prefix, int port) {
        this.process = process;
        this.prefix = prefix;
        this.port = port;
    }

    /** The nginx binary on {@code PATH} or in a usual place; empty where none is installed. */
    static Optional<Path> binary() {
        var path = Optional.ofNullable(System.getenv("PATH"))
                .stream()
                .flatMap(entries -> Stream.of(entries.split(":")))
                .map(entry -> Path.of(entry, "nginx"));
        return Stream.concat(path, PLACES.stream()).filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts nginx on a free port and returns once it takes connections.
     *
     * @param upstreams where each compose service of the file runs, by its name
     */
    static NginxGateway start(Path binary, Path conf, Map<String, InetSocketAddress> upstreams, Path prefix) {
        try {
            Files.createDirectories(prefix);
            // A run's log holds only its own requests.
            Files.deleteIfExists(prefix.resolve("access.log"));
            int port = Pipeline.freePort();
            boolean root = "root".equals(System.getProperty("user.name"));
            String config = NginxConf.read(conf)
                    .render(new InetSocketAddress("127.0.0.1", port), upstreams, prefix.toAbsolutePath(), root);
            Path file = Files.writeString(prefix.resolve("nginx.conf"), config);
            var process = new ProcessBuilder(binary.toString(), "-p", prefix.toAbsolutePath().toString(), "-c",
                    file.toAbsolutePath().toString(), "-e", prefix.resolve("error.log").toAbsolutePath().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(prefix.resolve("nginx.out").toFile()))
                    .start();
            var gateway = new NginxGateway(process, prefix, port);
            gateway.awaitListening();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start nginx", e);
        }
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** What nginx logged of each request it proxied, one line each. */
    List<String> accessLog() {
        try {
            return Files.readAllLines(prefix.resolve("access.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(this::listening);
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException("nginx did not listen within 30 s:\n" + errors(), e);
        }
    }

    private boolean listening() {
        if (!process.isAlive()) {
            throw new IllegalStateException("nginx exited with " + process.exitValue() + ":\n" + errors());
        }
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private String errors() {
        try {
            var out = prefix.resolve("nginx.out");
            var log = prefix.resolve("error.log");
            return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A fast shutdown (SIGTERM), then SIGKILL for the master and its workers if it lingers. */
    @Override
    public void close() {
        var workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }
}
