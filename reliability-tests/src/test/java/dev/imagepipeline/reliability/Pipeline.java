package dev.imagepipeline.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * The system under test: a Kafka broker and the five services, each its own OS process started from its executable
 * jar, configured as an operator would, with Replicate reached at the stub.
 */
final class Pipeline implements AutoCloseable {

    static final Duration START_WITHIN = Duration.ofMinutes(3);
    /** Where Replicate is told to call back: a public name, as webhook mode needs, that the stub maps to the receiver. */
    static final URI PUBLIC_BASE_URL = URI.create("https://pipeline.example.test");

    /** The services, by module and application class. */
    enum Service {
        INGEST_API("ingest-api", "IngestApiApplication"),
        PROMPT_WORKER("prompt-worker", "PromptWorkerApplication"),
        GENERATION_WORKER("generation-worker", "GenerationWorkerApplication"),
        WEBHOOK_RECEIVER("webhook-receiver", "WebhookReceiverApplication"),
        RESULT_NOTIFIER("result-notifier", "ResultNotifierApplication");

        final String module;
        final String application;

        Service(String module, String application) {
            this.module = module;
            this.application = application;
        }
    }

    private final ChildJvm broker;
    private final int brokerPort;
    private final Map<Service, ChildJvm> services = new EnumMap<>(Service.class);
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    /** Kills every process should the suite's JVM be stopped before it closes the pipeline. */
    private final Thread killer = new Thread(this::kill, "fault-suite-killer");

    private Pipeline(ChildJvm broker, int brokerPort) {
        this.broker = broker;
        this.brokerPort = brokerPort;
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /**
     * @param jars holds each service's executable jar as {@code <module>.jar}
     * @param work holds the broker's data, the images and the services' temporary files
     * @param settings more settings by service, as command-line arguments
     */
    static Pipeline start(Secrets secrets, URI replicate, Path jars, Path logs, Path work,
            Map<Service, List<String>> settings) {
        return start(secrets, replicate, jars, logs, work, settings, EnumSet.allOf(Service.class), Map.of());
    }

    /**
     * Only some of the services, as a benchmark that measures one of them needs.
     *
     * @param jvmOptions JVM options by service, instead of {@link ChildJvm#LEAN}
     */
    static Pipeline start(Secrets secrets, URI replicate, Path jars, Path logs, Path work,
            Map<Service, List<String>> settings, Set<Service> only, Map<Service, List<String>> jvmOptions) {
        int brokerPort = freePort();
        var classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var broker = new ChildJvm("broker",
                ChildJvm.java(List.of("-Xmx512m", "-cp", classPath, BrokerMain.class.getName(),
                        work.resolve("kafka").toString(), Integer.toString(brokerPort))),
                Map.of(), logs.resolve("broker.log"), BrokerMain.READY);
        var pipeline = new Pipeline(broker, brokerPort);
        try {
            broker.start();
            broker.awaitReady(START_WITHIN);
            var environment = environment(secrets, replicate, "localhost:" + brokerPort);
            for (var service : only) {
                int port = freePort();
                pipeline.ports.put(service, port);
                pipeline.services.put(service, service(service, port, environment, jars, logs, work,
                        settings.getOrDefault(service, List.of()), jvmOptions.getOrDefault(service, ChildJvm.LEAN)));
            }
            pipeline.services.values().forEach(ChildJvm::start);
            pipeline.services.values().forEach(jvm -> jvm.awaitReady(START_WITHIN));
            return pipeline;
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private static Map<String, String> environment(Secrets secrets, URI replicate, String bootstrapServers) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers, "REPLICATE_API_TOKEN", secrets.replicateToken(),
                "REPLICATE_API_BASE_URL", replicate.toString(), "WEBHOOK_SECRET", secrets.webhookSecret(),
                "PUBLIC_BASE_URL", PUBLIC_BASE_URL.toString(), "PIPELINE_API_KEYS", secrets.apiKeys(),
                // Thousands of jobs from one client in a minute: far above the default limits.
                "RATE_LIMIT_PER_MINUTE", "1000000", "PIPELINE_ACCESS_READS_PER_MINUTE", "1000000");
    }

    private static ChildJvm service(Service service, int port, Map<String, String> environment, Path jars, Path logs,
            Path work, List<String> settings, List<String> jvmOptions) {
        Path jar = jars.resolve(service.module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No executable jar of " + service.module + " at " + jar
                    + ": run the suite with ./mvnw verify, which packages the services first");
        }
        var arguments = new ArrayList<>(List.of("-Djava.io.tmpdir=" + directory(work.resolve("tmp/" + service.module)),
                "-jar", jar.toString(), "--server.port=" + port,
                // A killed worker's partitions go to its restarted self within seconds rather than 45.
                "--spring.kafka.consumer.properties.session.timeout.ms=10000"));
        arguments.addAll(settings);
        return new ChildJvm(service.module, ChildJvm.java(jvmOptions, arguments), environment,
                logs.resolve(service.module + ".log"), "Started " + service.application + " in");
    }

    String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    /** Where the service listens, on this machine. */
    InetSocketAddress address(Service service) {
        return new InetSocketAddress("127.0.0.1", ports.get(service));
    }

    URI url(Service service, String path) {
        return URI.create("http://localhost:" + ports.get(service) + path);
    }

    /** The service's process id, for {@code jcmd} and {@code /proc}. */
    long pid(Service service) {
        var jvm = services.get(service);
        return jvm.pid().orElseThrow(() -> new IllegalStateException(jvm.name() + " is not running"));
    }

    /** SIGKILL, then a new process on the same port; returns once it is ready. */
    void killAndRestart(Service service) {
        var jvm = services.get(service);
        jvm.kill();
        jvm.start();
        jvm.awaitReady(START_WITHIN);
    }

    /** SIGKILL, then the broker again on the same port and data; returns once it takes clients. */
    void killAndRestartBroker() {
        broker.kill();
        broker.start();
        broker.awaitReady(START_WITHIN);
    }

    /** The processes that ended although the suite did not end them. */
    List<String> exited() {
        var exited = new ArrayList<String>();
        if (!broker.alive()) {
            exited.add(broker.name());
        }
        services.values().stream().filter(jvm -> !jvm.alive()).map(ChildJvm::name).forEach(exited::add);
        return exited;
    }

    List<Path> logs() {
        var logs = new ArrayList<Path>();
        logs.add(broker.log());
        services.values().forEach(jvm -> logs.add(jvm.log()));
        return logs;
    }

    /** Each service's log, by module. */
    Map<String, Path> serviceLogs() {
        var logs = new TreeMap<String, Path>();
        services.forEach((service, jvm) -> logs.put(service.module, jvm.log()));
        return logs;
    }

    /** The id of every running process, by name ({@code broker} and each service's module), for its CPU and heap. */
    Map<String, Long> pids() {
        var pids = new TreeMap<String, Long>();
        broker.pid().ifPresent(pid -> pids.put(broker.name(), pid));
        services.values().forEach(jvm -> jvm.pid().ifPresent(pid -> pids.put(jvm.name(), pid)));
        return pids;
    }

    /** Stops the services, then the broker: their last words then still reach it. */
    @Override
    public void close() {
        try (var stopping = Executors.newVirtualThreadPerTaskExecutor()) {
            services.values().forEach(jvm -> stopping.execute(jvm::stop));
        }
        broker.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway, and finds nothing left to kill.
        }
    }

    private void kill() {
        services.values().forEach(ChildJvm::kill);
        broker.kill();
    }

    private static Path directory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
