package dev.imagepipeline.generation.image;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * S3Proxy, a real S3-compatible server, in a child process: the build copies its self-contained jar from Maven Central
 * (see the pom). It keeps objects in memory and checks every request's SigV4 signature, and a presigned URL's expiry.
 */
final class S3Proxy implements AutoCloseable {

    static final String ACCESS_KEY_ID = "AKIAIMAGEPIPELINE7Q2X";
    static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI-image-pipeline-secret-4d1c";
    static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider
            .create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));

    private final Process process;
    private final int port;
    private final Path log;

    private S3Proxy(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static S3Proxy start() {
        try {
            var jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run `./mvnw generate-test-resources` once");
            }
            var port = freePort();
            var properties = Files.writeString(jar.resolveSibling("s3proxy-" + port + ".conf"), """
                    s3proxy.endpoint=http://127.0.0.1:%d
                    s3proxy.authorization=aws-v2-or-v4
                    s3proxy.identity=%s
                    s3proxy.credential=%s
                    jclouds.provider=transient
                    """.formatted(port, ACCESS_KEY_ID, SECRET_ACCESS_KEY));
            var log = jar.resolveSibling("s3proxy-" + port + ".log");
            var java = ProcessHandle.current().info().command().orElse("java");
            var process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--properties", properties.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            var server = new S3Proxy(process, port, log);
            server.awaitListening();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited: " + Files.readString(log));
            }
            return listening();
        });
    }

    private boolean listening() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
