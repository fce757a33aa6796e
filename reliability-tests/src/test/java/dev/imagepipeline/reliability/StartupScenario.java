package dev.imagepipeline.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.regex.Pattern;

import dev.imagepipeline.reliability.ScenarioResult.Figure;

/**
 * Issue 9's start-up and footprint: the standalone runner ({@code all-in-one}'s executable jar) started as the README
 * starts it, on the build's JDK without JVM flags: its time to ready and to a first completed job, then its resident
 * memory idle and under a steady load of jobs on the local renderer.
 */
final class StartupScenario implements Scenario {

    static final int JOBS_PER_SECOND = Integer.getInteger("bench.startup.rate", 20);
    static final int LOAD_SECONDS = Integer.getInteger("bench.startup.seconds", 30);
    static final Duration IDLE = Duration.ofSeconds(10);
    static final String READY = "image-pipeline is ready in";
    static final String JOB = """
            {"description":"start-up benchmark product %d: stoneware mug with speckled glaze","category":"kitchenware",\
            "style":"white_background","provider":"local","settings":{"num_images":1,"resolution":"512x512"}}""";
    private static final Pattern READY_IN = Pattern.compile(READY + " (\\d+) ms");
    /** Log lines that mark the runner's steps, with what each means. */
    private static final Map<String, String> PHASES = phases();

    private static Map<String, String> phases() {
        var phases = new LinkedHashMap<String, String>();
        // The broker starts beside the context, so its line may come before or after the web server's.
        phases.put("Kafka broker (KRaft) listening on", "broker listening (started beside the context)");
        phases.put("Tomcat initialized", "web server made");
        phases.put("Tomcat started on port", "every bean made (context refreshed)");
        phases.put("Started AllInOneApplication", "listener containers started");
        return phases;
    }

    @Override
    public String id() {
        return "startup";
    }

    @Override
    public String title() {
        return "Start-up and footprint: the standalone runner";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        Path jar = context.jars().resolve("all-in-one.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No runner at " + jar + ": the benchmarks profile copies it");
        }
        Path work = Files.createTempDirectory("bench-startup-");
        Path log = context.logs(id()).resolve("all-in-one.log");
        Files.deleteIfExists(log);
        int port = Pipeline.freePort();
        int brokerPort = Pipeline.freePort();
        // The README's command, plus ports of its own; the limits are per address while access control is off.
        var runner = new ChildJvm("all-in-one",
                ChildJvm.java(List.of("-Djava.io.tmpdir=" + work),
                        List.of("-jar", jar.toString(), "--server.port=" + port,
                                "--pipeline.runner.broker-port=" + brokerPort)),
                Map.of("RATE_LIMIT_PER_MINUTE", "1000000", "PIPELINE_ACCESS_READS_PER_MINUTE", "1000000"), log, READY);
        try {
            double brokerAlone = brokerAlone(work, context.logs(id()));
            Instant spawned = Instant.now();
            long started = System.nanoTime();
            runner.start();
            runner.awaitReady(Pipeline.START_WITHIN);
            double ready = seconds(started);
            var memory = new JvmProbe(runner.pid().orElseThrow());
            double readyRss = memory.residentMb();
            URI base = URI.create("http://localhost:" + port);
            firstJob(base);
            double firstJob = seconds(started);
            // Idle: nothing is sent, the runner settles.
            Thread.sleep(IDLE);
            double idleRss = memory.residentMb();
            var load = load(base, "localhost:" + brokerPort, memory);
            return result(new Start(ready, reportedReady(log), brokerAlone, phases(log, spawned)), firstJob, readyRss,
                    idleRss, load);
        } finally {
            runner.stop();
            FaultRun.deleteRecursively(work);
        }
    }

    /** A job submitted with {@code Prefer: wait}: answered once it finished. */
    private static void firstJob(URI base) throws Exception {
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            var answer = http.send(HttpRequest.newBuilder(base.resolve("/api/generate"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Prefer", "wait=30")
                    .POST(HttpRequest.BodyPublishers.ofString(JOB.formatted(0)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().contains("\"completed\"")) {
                throw new IllegalStateException(
                        "The first job did not complete: " + answer.statusCode() + " " + answer.body());
            }
        }
    }

    /** What the steady load showed. */
    private record Load(int sent, int ended, double peakRss, double afterRss, List<Double> waits) {
    }

    private static Load load(URI base, String bootstrapServers, JvmProbe memory) throws Exception {
        var peak = new DoubleAccumulator(Math::max, 0);
        try (var ledger = new Ledger(bootstrapServers);
                var jobs = new PacedJobs(new Client("none: access control is off"), base, JOB);
                var sampling = Executors.newSingleThreadScheduledExecutor()) {
            sampling.scheduleAtFixedRate(() -> peak.accumulate(memory.residentMb()), 0, 250, TimeUnit.MILLISECONDS);
            var sent = jobs.submit(JOBS_PER_SECOND * LOAD_SECONDS, Duration.ofSeconds(1).dividedBy(JOBS_PER_SECOND),
                    Duration.ofSeconds(LOAD_SECONDS + 60L));
            int ended = Waits.awaitEnded(ledger, sent, Duration.ofMinutes(2));
            sampling.shutdownNow();
            return new Load(sent.size() + jobs.refused(), ended, peak.get(), memory.residentMb(),
                    Waits.until(ledger, sent, Waits.TERMINAL));
        }
    }

    private static double reportedReady(Path log) throws java.io.IOException {
        var matcher = READY_IN.matcher(Files.readString(log));
        return matcher.find() ? Long.parseLong(matcher.group(1)) / 1000.0 : Double.NaN;
    }

    /** How the start went: when it was ready, by the clock and by the runner, and its steps on the way. */
    private record Start(double ready, double reported, double brokerAlone, List<String> phases) {
    }

    /** The broker the runner embeds, started alone in a JVM of its own: the floor under the runner's start. */
    private static double brokerAlone(Path work, Path logs) {
        var classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var broker = new ChildJvm("broker",
                ChildJvm.java(List.of(),
                        List.of("-cp", classPath, BrokerMain.class.getName(), work.resolve("broker-alone").toString(),
                                Integer.toString(Pipeline.freePort()))),
                Map.of(), logs.resolve("broker-alone.log"), BrokerMain.READY);
        try {
            long started = System.nanoTime();
            broker.start();
            broker.awaitReady(Pipeline.START_WITHIN);
            return seconds(started);
        } finally {
            broker.stop();
        }
    }

    /** When each step of the start showed in the runner's log, after the process was started. */
    private static List<String> phases(Path log, Instant spawned) throws java.io.IOException {
        var lines = Files.readAllLines(log);
        var phases = new ArrayList<String>();
        PHASES.forEach(
                (text, step) -> lines.stream()
                        .filter(line -> line.contains(text) && line.length() > 24 && line.charAt(4) == '-')
                        .findFirst()
                        .ifPresent(
                                line -> phases
                                        .add("%s %.1f s"
                                                .formatted(
                                                        step, Duration
                                                                .between(spawned,
                                                                        Instant.parse(
                                                                                line.substring(0, line.indexOf(' '))))
                                                                .toMillis() / 1000.0))));
        return phases;
    }

    private ScenarioResult result(Start start, double firstJob, double readyRss, double idleRss, Load load) {
        var waits = new Latencies(List.copyOf(load.waits()));
        double ready = start.ready();
        var figures = List.of(
                Figure.of("process start → ready", ready, "s")
                        .against(start.brokerAlone())
                        .aiming("< 10 s", ready < 10),
                Figure.of("JVM start → ready, as the runner reports it", start.reported(), "s"),
                Figure.of("process start → first job completed", firstJob, "s"),
                Figure.of("resident memory when ready", readyRss, "MB"),
                Figure.of("resident memory idle, after the first job", idleRss, "MB"),
                Figure.of("resident memory, peak under load", load.peakRss(), "MB").against(idleRss),
                Figure.of("resident memory after the load", load.afterRss(), "MB").against(idleRss),
                Figure.of("jobs ended of those sent under load", load.ended(), "")
                        .aiming("%d".formatted(load.sent()), load.ended() == load.sent()),
                Figure.of("p50 submit → terminal under load", waits.p(0.50), "ms"),
                Figure.of("p99 submit → terminal under load", waits.p(0.99), "ms"));
        var notes = List.of(("Baseline of the time to ready: the KRaft broker the runner embeds, started alone in a "
                + "JVM of its own (`BrokerMain`, same JDK, no flags), just before. The runner's steps, as its log "
                + "shows them, after the process was started: %s.").formatted(String.join("; ", start.phases())));
        return new ScenarioResult(id(), title(), setup(), figures, notes);
    }

    private static String setup() {
        return ("`java -jar all-in-one.jar` on the build's JDK and no JVM flags (so the JVM's defaults: G1, a heap of "
                + "a quarter of the machine's memory), its own ports, dev mode (no API keys). Ready: the runner's "
                + "\"ready\" line in its log, polled every 200 ms from the moment the process was started. First "
                + "job: `POST /api/generate` with `Prefer: wait=30` on the local renderer (1 image, 512×512), sent "
                + "as soon as it was ready. Then %d s idle, then %d jobs/s for %d s (the same job), resident "
                + "memory (VmRSS) sampled every 250 ms.").formatted(IDLE.toSeconds(), JOBS_PER_SECOND, LOAD_SECONDS);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
