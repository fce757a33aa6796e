package dev.imagepipeline.reliability;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.imagepipeline.reliability.Pipeline.Service;
import dev.imagepipeline.reliability.ScenarioResult.Figure;

/**
 * Issue 9's fairness: interactive jobs against a provider whose quota is the bottleneck (the Replicate stub behind
 * generation-worker's {@code quotas.replicate}), first with nothing else to do, then while a large catalog waits on the
 * bulk lane; how long each interactive job waited, from its request to its terminal event and to its prediction being
 * created at the provider (its turn of the quota).
 */
final class FairnessScenario implements Scenario {

    static final int QUOTA = Integer.getInteger("bench.fairness.quota", 120);
    /** Interactive jobs of each phase. */
    static final int JOBS = Integer.getInteger("bench.fairness.jobs", 40);
    /** The mean time between two interactive jobs; they come at random, so they meet every phase of the pace. */
    static final Duration EVERY = Duration.ofMillis(Long.getLong("bench.fairness.every-ms", 1500));
    static final int CATALOG = Integer.getInteger("bench.fairness.catalog", 2000);
    static final int WARM_UP = 5;
    static final String PROMPT_PREPARED = "prompt_prepared";
    /** Seeded, so that every run sends the same pattern. */
    private static final Random RANDOM = new Random(9);
    static final Duration PHASE_ENDS_WITHIN = Duration.ofMinutes(3);

    @Override
    public String id() {
        return "fairness";
    }

    @Override
    public String title() {
        return "Fairness: interactive jobs while a catalog waits";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        var secrets = Secrets.random();
        Path work = Files.createTempDirectory("bench-fairness-");
        try (var stub = new ReplicateStub(secrets.replicateToken(), secrets.webhookSecret(),
                new ProviderScript(new FaultLog()))) {
            var pipeline = Pipeline.start(secrets, stub.baseUrl(), context.jars(), context.logs(id()), work,
                    Map.of(Service.GENERATION_WORKER, settings(work)));
            try {
                stub.receiver(pipeline.url(Service.WEBHOOK_RECEIVER, ""));
                return measure(pipeline, stub, new Client(secrets.apiKey()));
            } finally {
                pipeline.close();
            }
        } finally {
            FaultRun.deleteRecursively(work);
        }
    }

    private static List<String> settings(Path work) {
        return List.of("--pipeline.generation-worker.images.directory=" + work.resolve("images"),
                "--pipeline.generation-worker.quotas.replicate=" + QUOTA);
    }

    private ScenarioResult measure(Pipeline pipeline, ReplicateStub stub, Client client) throws Exception {
        var ingest = pipeline.url(Service.INGEST_API, "");
        try (var ledger = new Ledger(pipeline.bootstrapServers());
                var jobs = new PacedJobs(client, ingest, Load.JOB);
                var bulk = new Load(client, ingest)) {
            var warmUp = jobs.submit(WARM_UP, EVERY, PHASE_ENDS_WITHIN);
            Waits.awaitEnded(ledger, warmUp, PHASE_ENDS_WITHIN);
            var idle = phase(jobs, ledger);
            var receipt = bulk.uploadCatalog(CATALOG)
                    .orElseThrow(() -> new IllegalStateException("The catalog was not accepted"));
            int before = stub.predictions().size();
            // The bulk lane has the provider's quota to itself before the interactive jobs come.
            await().atMost(Duration.ofMinutes(2)).until(() -> stub.predictions().size() >= before + 10);
            int bulkBefore = stub.predictions().size();
            Instant busyFrom = Instant.now();
            var busy = phase(jobs, ledger);
            double busySeconds = Duration.between(busyFrom, Instant.now()).toMillis() / 1000.0;
            int predictions = stub.predictions().size() - bulkBefore;
            String catalog = receipt.get("id").asString();
            return result(idle, busy, predictions - busy.sent().size(), busySeconds,
                    ledger.acceptedWith(catalog).size());
        }
    }

    /** One phase's interactive jobs, sent at a steady pace, and how long each waited. */
    private record Phase(Map<String, Instant> sent, int ended, int failed, List<Double> toEnd, List<Double> toTurn,
            List<Double> toPrompt, List<Double> promptToTurn, List<Double> afterTurn) {
    }

    private static Phase phase(PacedJobs jobs, Ledger ledger) throws InterruptedException {
        var sent = jobs.submitRandomly(JOBS, EVERY, RANDOM, PHASE_ENDS_WITHIN);
        int ended = Waits.awaitEnded(ledger, sent, PHASE_ENDS_WITHIN);
        return new Phase(sent, ended, Waits.until(ledger, sent, Waits.type("failed")).size(),
                Waits.until(ledger, sent, Waits.TERMINAL), Waits.until(ledger, sent, Waits.type("submitted")),
                Waits.until(ledger, sent, Waits.type(PROMPT_PREPARED)),
                Waits.between(ledger, sent.keySet(), Waits.type(PROMPT_PREPARED), Waits.type("submitted")),
                Waits.between(ledger, sent.keySet(), Waits.type("submitted"), Waits.TERMINAL));
    }

    private ScenarioResult result(Phase idle, Phase busy, int bulkRuns, double busySeconds, int catalogJobs) {
        var idleEnd = new Latencies(List.copyOf(idle.toEnd()));
        var busyEnd = new Latencies(List.copyOf(busy.toEnd()));
        var idleTurn = new Latencies(List.copyOf(idle.toTurn()));
        var busyTurn = new Latencies(List.copyOf(busy.toTurn()));
        double ratio = busyEnd.p(0.95) / idleEnd.p(0.95);
        var figures = List.of(
                Figure.of("p95 wait, request → terminal event, catalog queued", busyEnd.p(0.95), "ms")
                        .against(idleEnd.p(0.95))
                        .aiming("≤ 1.2× idle", ratio <= 1.2),
                Figure.of("p50 wait, request → terminal event, catalog queued", busyEnd.p(0.50), "ms")
                        .against(idleEnd.p(0.50)),
                Figure.of("p95 wait, request → prediction created, catalog queued", busyTurn.p(0.95), "ms")
                        .against(idleTurn.p(0.95)),
                Figure.of("p50 wait, request → prediction created, catalog queued", busyTurn.p(0.50), "ms")
                        .against(idleTurn.p(0.50)),
                Figure.of("interactive jobs ended, catalog queued", busy.ended(), "").against(busy.sent().size()),
                Figure.of("interactive jobs failed (both phases)", idle.failed() + busy.failed(), ""),
                Figure.of("catalog predictions a second meanwhile", bulkRuns / busySeconds, "/s")
                        .against(QUOTA / 60.0));
        long interval = Duration.ofMinutes(1).dividedBy(QUOTA).toMillis();
        var notes = new ArrayList<String>();
        notes.add(("The catalog had %,d jobs on the bulk lane when the second phase began (%,d of them announced); "
                + "the quota allows %.1f predictions a second in all. At %d a minute generation-worker's gate gives "
                + "a turn every %d ms. Idle, a job that comes alone is called at once; while the catalog takes every "
                + "turn, an interactive job, first in line, still waits for the next one (half an interval on "
                + "average), and behind the interactive jobs that came just before it. The median wait for a turn "
                + "grew by %.0f ms, its 95th percentile by %.0f ms. Step by step, median idle "
                + "→ with the catalog: request → prompt prepared %s ms; prompt prepared → prediction created (the "
                + "gate) %s ms; prediction created → terminal event (the stub's run, its webhook, the events) %s ms.")
                .formatted(CATALOG, catalogJobs, QUOTA / 60.0, QUOTA, interval, busyTurn.p(0.50) - idleTurn.p(0.50),
                        busyTurn.p(0.95) - idleTurn.p(0.95), medians(idle.toPrompt(), busy.toPrompt()),
                        medians(idle.promptToTurn(), busy.promptToTurn()),
                        medians(idle.afterTurn(), busy.afterTurn())));
        return new ScenarioResult(id(), title(), setup(), figures, notes);
    }

    private static String medians(List<Double> idle, List<Double> busy) {
        return "%.0f → %.0f".formatted(new Latencies(List.copyOf(idle)).p(0.50),
                new Latencies(List.copyOf(busy)).p(0.50));
    }

    private static String setup() {
        return ("The five services and the broker as processes (as in the fault suite), Replicate in webhook mode "
                + "against the stub as it is (a prediction starts in 0.1-0.3 s and succeeds 0.2-0.6 s later), "
                + "generation-worker's `quotas.replicate` = %d a minute. %d interactive jobs (`POST /api/generate`, "
                + "at random, %d ms apart on average) with nothing else running, then %d more while a catalog of %,d items waits on the "
                + "bulk lane (sent once the catalog's predictions had started). Waits from the request to the job's "
                + "terminal event and to its `submitted` event (its prediction created, so its turn of the quota), by "
                + "the events' own times. Baseline: the same wait with no catalog, in the same run.")
                .formatted(QUOTA, JOBS, EVERY.toMillis(), JOBS, CATALOG);
    }
}
