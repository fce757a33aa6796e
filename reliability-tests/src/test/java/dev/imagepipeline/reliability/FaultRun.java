package dev.imagepipeline.reliability;

import static dev.imagepipeline.reliability.FaultPlan.grown;
import static dev.imagepipeline.reliability.FaultPlan.reached;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.reliability.Pipeline.Service;
import tools.jackson.databind.JsonNode;

/**
 * One run of the fault suite: the pipeline started as separate processes, thousands of jobs submitted while the plan
 * kills workers, kills the broker, makes the provider fail and feeds every topic records no service can read; then
 * every job's fate read back from the completion topic, the dead-letter topics, the job view and the logs.
 */
final class FaultRun {

    /** Single jobs a second, sent for as long as the plan runs. */
    static final int JOBS_PER_SECOND = 25;
    static final int MAX_SINGLE_JOBS = 3000;
    static final int CATALOG_ITEMS = 500;
    /** How long after the load and the faults every accepted job has to end. */
    static final Duration DRAIN = Duration.ofMinutes(3);
    /** generation-worker's deadline for a run at the provider (Replicate's {@code Cancel-After}). */
    static final Duration RUN_DEADLINE = Duration.ofSeconds(60);
    /** How long the provider fails every fourth call. */
    static final Duration PROVIDER_FAILS_FOR = Duration.ofSeconds(20);
    /** generation-worker's read timeout; the stub holds an answer longer, {@link ReplicateStub#HELD}. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Path target;
    private final Secrets secrets = Secrets.random();
    private final FaultLog faults = new FaultLog();
    private final ProviderScript script = new ProviderScript(faults);

    FaultRun(Path target) {
        this.target = target;
    }

    RunFacts execute() throws Exception {
        Instant startedAt = Instant.now();
        Path logs = fresh(target.resolve("reliability-logs"));
        Path work = Files.createTempDirectory("fault-suite-");
        Path jars = Path.of(System.getProperty("reliability.services", target.resolve("services").toString()));
        try (var stub = new ReplicateStub(secrets.replicateToken(), secrets.webhookSecret(), script)) {
            var pipeline = Pipeline.start(secrets, stub.baseUrl(), jars, logs, work, settings(work));
            Collected collected;
            try {
                stub.receiver(pipeline.url(Service.WEBHOOK_RECEIVER, ""));
                collected = drive(pipeline, stub);
            } finally {
                // Stopped before the logs are searched, so that they are complete.
                pipeline.close();
            }
            var scan = new SecretScan(secrets.all()).logs(pipeline.logs())
                    .records(collected.records())
                    .answers(collected.answers());
            var leaks = new RunFacts.Leaks(scan.lines(), scan.records(), scan.answers(), scan.leaks());
            return collected.facts(startedAt, Duration.between(startedAt, Instant.now()), stub, faults.counts(), leaks,
                    ReaderSkips.of(pipeline.serviceLogs(), collected.malformed()));
        } finally {
            deleteRecursively(work);
        }
    }

    private static Map<Service, List<String>> settings(Path work) {
        return Map.of(Service.GENERATION_WORKER,
                List.of("--pipeline.generation-worker.images.directory=" + work.resolve("images"),
                        "--pipeline.generation-worker.replicate.read-timeout=" + READ_TIMEOUT.toSeconds() + "s",
                        "--pipeline.generation-worker.replicate.max-wait=" + RUN_DEADLINE.toSeconds() + "s",
                        // The provider's quota is not what this suite measures.
                        "--pipeline.generation-worker.quotas.replicate=60000"));
    }

    private Collected drive(Pipeline pipeline, ReplicateStub stub) throws InterruptedException {
        var client = new Client(secrets.apiKey());
        try (var ledger = new Ledger(pipeline.bootstrapServers());
                var load = new Load(client, pipeline.url(Service.INGEST_API, ""));
                var progress = Executors.newSingleThreadScheduledExecutor()) {
            var malformed = MalformedRecords.forEveryTopic();
            var catalog = new CompletableFuture<Optional<JsonNode>>();
            var plan = plan(pipeline, stub, load, ledger, catalog, malformed);
            load.start(JOBS_PER_SECOND, MAX_SINGLE_JOBS);
            plan.start();
            progress.scheduleAtFixedRate(() -> progress(plan, load, ledger, stub), 5, 5, TimeUnit.SECONDS);
            plan.awaitDone(Duration.ofMinutes(20));
            load.stop();
            load.awaitAnswers(Load.KEEP_TRYING.plusMinutes(1));
            catalog.completeOnTimeout(Optional.empty(), 5, TimeUnit.MINUTES)
                    .join()
                    .ifPresent(receipt -> Settling.catalogJobs(receipt, ledger, load));
            var accepted = load.accepted();
            Settling.drain(ledger, accepted);
            Settling.settle(ledger, stub);
            var events = ledger.events();
            return new Collected(plan.started(), load, client, accepted, events, Outcomes.of(accepted, events),
                    plan.done(), malformed, records(pipeline),
                    ViewCheck.mismatches(client, pipeline.url(Service.RESULT_NOTIFIER, ""), accepted, events),
                    pipeline.exited());
        }
    }

    /**
     * Each fault once the pipeline has got far enough for it to hit work in flight; the provider's failures last, as
     * they may end much of the backlog at once.
     */
    private FaultPlan plan(Pipeline pipeline, ReplicateStub stub, Load load, Ledger ledger,
            CompletableFuture<Optional<JsonNode>> catalog, List<MalformedRecords.Sent> malformed) {
        IntSupplier predictions = () -> stub.predictions().size();
        return new FaultPlan()
                .then("a catalog of " + CATALOG_ITEMS + " items uploaded", reached(() -> load.accepted().size(), 50),
                        () -> Thread.startVirtualThread(() -> upload(load, catalog)))
                .then(malformed.size() + " malformed records sent to the " + Topics.ALL.size() + " topics",
                        reached(() -> ledger.ended(load.accepted()), 50), () -> {
                            MalformedRecords.send(pipeline.bootstrapServers(), malformed);
                            faults.injected("malformed records, " + Topics.ALL.size() + " topics", malformed.size());
                        })
                .then("prompt-worker killed (SIGKILL) and restarted", FaultPlan.now(),
                        () -> kill(pipeline, Service.PROMPT_WORKER))
                .then("broker killed (SIGKILL) and restarted", grown(predictions, 50), () -> {
                    faults.injected("broker killed (SIGKILL) and restarted");
                    pipeline.killAndRestartBroker();
                })
                .then("generation-worker killed (SIGKILL) and restarted", grown(predictions, 50),
                        () -> kill(pipeline, Service.GENERATION_WORKER))
                .then("the next 5 runs' webhooks are lost, the next 3 runs never end", grown(predictions, 30), () -> {
                    script.loseCallbacks(5);
                    script.stallRuns(3);
                })
                .then("provider fails every fourth call for " + PROVIDER_FAILS_FOR.toSeconds()
                        + " s, and answers the next 6 creates too late", grown(predictions, 30), () -> {
                            script.holdAnswers(6);
                            script.erratic(true);
                        })
                .then("provider recovers", FaultPlan.after(PROVIDER_FAILS_FOR), () -> script.erratic(false));
    }

    private void kill(Pipeline pipeline, Service service) {
        faults.injected(service.module + " killed (SIGKILL) and restarted");
        pipeline.killAndRestart(service);
    }

    private static void upload(Load load, CompletableFuture<Optional<JsonNode>> catalog) {
        try {
            catalog.complete(load.uploadCatalog(CATALOG_ITEMS));
        } catch (RuntimeException e) {
            catalog.completeExceptionally(e);
        }
    }

    private static void progress(FaultPlan plan, Load load, Ledger ledger, ReplicateStub stub) {
        var accepted = load.accepted();
        System.out.printf(
                "[fault suite] %5.1f s  submitted %d, accepted %d, ended %d; %d events; %d predictions; "
                        + "%d webhooks on their way%n",
                FaultPlan.seconds(plan.started(), Instant.now()), load.submitted(), accepted.size(),
                ledger.ended(accepted), ledger.records(), stub.predictions().size(), stub.webhooks().pending());
    }

    /** Every record of every topic and dead-letter topic, by topic. */
    private static Map<String, List<ConsumerRecord<byte[], byte[]>>> records(Pipeline pipeline) {
        var records = new HashMap<String, List<ConsumerRecord<byte[], byte[]>>>();
        Stream.concat(Topics.ALL.stream(), Topics.WORK.stream().map(Topics::deadLetter))
                .forEach(topic -> records.put(topic, TopicDump.read(pipeline.bootstrapServers(), topic)));
        return records;
    }

    private static Path fresh(Path directory) throws IOException {
        deleteRecursively(directory);
        return Files.createDirectories(directory);
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
