package dev.imagepipeline.embeddedkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node Kafka broker and controller (KRaft) running in this JVM. It is the real broker: clients speak the
 * Kafka protocol to it over a socket. Close it to stop it; a temporary data directory is deleted then.
 */
public final class KraftBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KraftBroker.class);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean temporary;
    private final String bootstrapServers;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KraftBroker(KafkaRaftServer server, Path dataDir, boolean temporary, String bootstrapServers) {
        this.server = server;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.bootstrapServers = bootstrapServers;
    }

    private static @Nullable KraftBroker shared;

    /**
     * The broker this JVM's tests share: started on first use on free ports with a temporary directory, and stopped
     * when the JVM exits. Tests keep their records apart by key, not by broker.
     */
    public static synchronized KraftBroker shared() {
        if (shared == null) {
            var broker = startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kraft-broker-shutdown"));
            shared = broker;
        }
        return shared;
    }

    /** Starts a broker on free ports with a temporary data directory, as tests want it. */
    public static KraftBroker startTemporary() {
        return start(null, 0);
    }

    /**
     * Starts a broker and returns once it accepts clients.
     *
     * @param dataDir where the log lives across restarts; {@code null} for a temporary one deleted on close
     * @param port the client port; 0 picks a free one
     */
    public static KraftBroker start(@Nullable Path dataDir, int port) {
        return startInBackground(dataDir, port).await();
    }

    /**
     * Starts a broker on a thread of its own and returns at once with its address and data directory, so that a
     * runner can set up its clients while the broker starts.
     *
     * @param dataDir where the log lives across restarts; {@code null} for a temporary one deleted on close
     * @param port the client port; 0 picks a free one
     */
    public static Starting startInBackground(@Nullable Path dataDir, int port) {
        boolean temporary = dataDir == null;
        try {
            Path dir = temporary ? Files.createTempDirectory("image-pipeline-kafka-") : dataDir;
            Files.createDirectories(dir);
            int clientPort = port == 0 ? freePort() : port;
            var broker = new CompletableFuture<KraftBroker>();
            Thread.ofPlatform().name("kafka-broker-start").start(() -> {
                try {
                    broker.complete(start(dir, temporary, clientPort));
                } catch (Throwable e) {
                    if (temporary) {
                        deleteRecursively(dir);
                    }
                    broker.completeExceptionally(e);
                }
            });
            return new Starting("localhost:" + clientPort, dir, broker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KraftBroker start(Path dir, boolean temporary, int clientPort) throws IOException {
        Properties config = config(dir.resolve("log"), clientPort, freePort());
        formatOnce(dir, config);
        var server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        String bootstrap = "localhost:" + clientPort;
        log.info("Kafka broker (KRaft) listening on {}, data in {}", bootstrap, dir);
        return new KraftBroker(server, dir, temporary, bootstrap);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the broker; a second call does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            deleteRecursively(dataDir);
        }
        log.info("Kafka broker on {} stopped", bootstrapServers);
    }

    private static Properties config(Path logDir, int clientPort, int controllerPort) {
        var p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // A static quorum of one voter: no dynamic-quorum bootstrap is needed, and restarts find the same voter.
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");
        return p;
    }

    /** Formats the log directory the first time only, so a restart keeps its cluster id and its records. */
    private static void formatOnce(Path dir, Properties config) throws IOException {
        if (Files.exists(Path.of(config.getProperty("log.dirs"), "meta.properties"))) {
            return;
        }
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            config.store(out, "written by the image-pipeline runner");
        }
        var output = new ByteArrayOutputStream();
        int rc = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IllegalStateException("Formatting Kafka storage in " + dir + " failed: " + output);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the broker's temporary data in {}", dir, e);
        }
    }

    /** A broker being started by {@link #startInBackground}. */
    public static final class Starting implements AutoCloseable {

        private final String bootstrapServers;
        private final Path dataDir;
        private final CompletableFuture<KraftBroker> broker;

        private Starting(String bootstrapServers, Path dataDir, CompletableFuture<KraftBroker> broker) {
            this.bootstrapServers = bootstrapServers;
            this.dataDir = dataDir;
            this.broker = broker;
        }

        public String bootstrapServers() {
            return bootstrapServers;
        }

        public Path dataDir() {
            return dataDir;
        }

        /**
         * Waits until the broker accepts clients.
         *
         * @throws IllegalStateException when it could not start, with why
         */
        public KraftBroker await() {
            try {
                return broker.join();
            } catch (CompletionException e) {
                throw new IllegalStateException("The embedded Kafka broker did not start on " + bootstrapServers,
                        e.getCause());
            }
        }

        /** Stops the broker once it has started; one that failed to start has nothing to stop. */
        @Override
        public void close() {
            try {
                broker.join().close();
            } catch (CompletionException e) {
                // Reported by await(), to whoever waited for it.
            }
        }
    }
}
