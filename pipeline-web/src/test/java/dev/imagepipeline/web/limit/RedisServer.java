package dev.imagepipeline.web.limit;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} from the PATH in a child process, on a free port, keeping nothing on disk. Tests that
 * need it skip when it is not installed ({@link #MISSING}).
 */
final class RedisServer implements AutoCloseable {

    static final String MISSING = "redis-server is not on the PATH, so the tests of the shared rate limit are skipped "
            + "(Debian/Ubuntu: apt-get install redis-server; .ci/run installs it where it can)";

    private final int port;
    private final List<String> options;
    private final Path log;
    private Process process;

    private RedisServer(int port, List<String> options) {
        this.port = port;
        this.options = options;
        this.log = Path.of("target", "redis-" + port + ".log");
        this.process = launch();
    }

    static boolean installed() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "redis-server")));
    }

    /** @param options more {@code redis-server} options, such as {@code --requirepass}, {@code secret} */
    static RedisServer start(String... options) {
        return start(freePort(), options);
    }

    static RedisServer start(int port, String... options) {
        return new RedisServer(port, List.of(options));
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    URI url() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    /** Kills the server as a crash would. */
    void crash() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts it again on the same port, empty. */
    void restart() {
        process = launch();
    }

    /** Stops the process without closing its socket, so requests go unanswered, as behind a broken network. */
    void freeze() {
        signal("STOP");
    }

    void thaw() {
        signal("CONT");
    }

    @Override
    public void close() throws InterruptedException {
        thaw();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private Process launch() {
        var command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        command.addAll(options);
        try {
            Files.createDirectories(log.getParent());
            var started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!started.isAlive()) {
                    throw new IllegalStateException("redis-server exited: " + Files.readString(log));
                }
                return listening();
            });
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean listening() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
