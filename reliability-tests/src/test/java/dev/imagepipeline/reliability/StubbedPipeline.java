package dev.imagepipeline.reliability;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import dev.imagepipeline.reliability.Pipeline.Service;

/**
 * The pipeline as a benchmark runs it: the broker and the five services as processes, as in the fault suite, with
 * Replicate at a stub that does as its {@link ProviderScript#steady steady script} says. generation-worker polls its
 * predictions (its webhook address is one Replicate cannot reach), holding each create open with {@code Prefer: wait},
 * so that a job takes the fewest hops: {@code pipeline.requests}, {@code pipeline.prompts.*},
 * {@code pipeline.job-events}.
 */
final class StubbedPipeline implements AutoCloseable {

    /** How the system under test runs, for a scenario's setup text. */
    static final String PROCESSES = "The broker and the services run as processes, as in the fault suite, each its "
            + "own JVM with -Xmx512m -XX:+UseSerialGC (the JVM's full JIT); the benchmark's own clients run in the "
            + "failsafe JVM with the default flags.";
    /** A loopback address: generation-worker then polls rather than waiting for webhooks. */
    static final String NO_WEBHOOKS = "http://127.0.0.1:1";
    /** Replicate's quota is not what a benchmark measures: 100,000 calls a second. */
    private static final String QUOTA = "6000000";

    private final Secrets secrets;
    private final Path work;
    private final ReplicateStub stub;
    private final Pipeline pipeline;

    private StubbedPipeline(Secrets secrets, Path work, ReplicateStub stub, Pipeline pipeline) {
        this.secrets = secrets;
        this.work = work;
        this.stub = stub;
        this.pipeline = pipeline;
    }

    /**
     * @param settings more settings by service, after the benchmark's own
     */
    static StubbedPipeline start(BenchContext context, String scenario, ProviderScript script,
            Map<Service, List<String>> settings) throws java.io.IOException {
        var secrets = Secrets.random();
        Path work = Files.createTempDirectory("benchmark-" + scenario + "-");
        var stub = new ReplicateStub(secrets.replicateToken(), secrets.webhookSecret(), script);
        try {
            var measured = new EnumMap<Service, List<String>>(Service.class);
            EnumSet.allOf(Service.class).forEach(service -> measured.put(service, ChildJvm.MEASURED));
            var pipeline = Pipeline.start(secrets, stub.baseUrl(), context.jars(), context.logs(scenario), work,
                    settings(work, settings), EnumSet.allOf(Service.class), measured);
            stub.receiver(pipeline.url(Service.WEBHOOK_RECEIVER, ""));
            return new StubbedPipeline(secrets, work, stub, pipeline);
        } catch (RuntimeException e) {
            stub.close();
            FaultRun.deleteRecursively(work);
            throw e;
        }
    }

    private static Map<Service, List<String>> settings(Path work, Map<Service, List<String>> more) {
        var settings = new EnumMap<Service, List<String>>(Service.class);
        settings.put(Service.GENERATION_WORKER,
                List.of("--pipeline.generation-worker.images.directory=" + work.resolve("images"),
                        "--pipeline.generation-worker.replicate.webhook-base-url=" + NO_WEBHOOKS,
                        "--pipeline.generation-worker.quotas.replicate=" + QUOTA));
        more.forEach((service, arguments) -> {
            var all = new ArrayList<>(settings.getOrDefault(service, List.of()));
            all.addAll(arguments);
            settings.put(service, all);
        });
        return settings;
    }

    Secrets secrets() {
        return secrets;
    }

    ReplicateStub stub() {
        return stub;
    }

    String bootstrapServers() {
        return pipeline.bootstrapServers();
    }

    URI url(Service service, String path) {
        return pipeline.url(service, path);
    }

    /** Every process's id, by name: {@code broker} and each service's module. */
    Map<String, Long> pids() {
        return pipeline.pids();
    }

    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            stub.close();
            FaultRun.deleteRecursively(work);
        }
    }
}
