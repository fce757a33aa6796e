package dev.imagepipeline.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.reliability.Pipeline.Service;
import dev.imagepipeline.reliability.ScenarioResult.Figure;

/**
 * Issue 9's scenario 3: one large catalog through the pipeline with an instant provider, in jobs a second from its
 * first terminal event to its last, against raw Kafka carrying as many records of the same sizes through the same three
 * topics ({@code pipeline.requests.bulk}, {@code pipeline.prompts.bulk}, {@code pipeline.job-events}) in the same run,
 * on the same broker; and what each process spent on it: CPU, heap, resident memory.
 */
final class ThroughputScenario implements Scenario {

    static final double GOAL = 0.5;
    /** The services whose listener threads are sampled under load. */
    private static final List<String> SAMPLED = List.of("prompt-worker", "generation-worker", "result-notifier");
    /** Thread dumps of each: enough to tell where its listeners wait, few enough to cost the run little. */
    private static final int SAMPLES = 5;

    /** Jobs generation-worker runs at once, of the catalog and at the provider. */
    private static final int IN_FLIGHT = Integer.getInteger("bench.throughput.in-flight", 64);

    private final int items = Integer.getInteger("bench.throughput.items", 100_000);
    private final int warmUp = Integer.getInteger("bench.throughput.warmup", 1000);
    private final int rawRuns = Integer.getInteger("bench.throughput.raw-runs", 3);

    @Override
    public String id() {
        return "throughput";
    }

    @Override
    public String title() {
        return "3. Throughput";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        String body = CatalogRun.items(items);
        Path logs = context.logs(id());
        try (var pipeline = StubbedPipeline.start(context, id(), ProviderScript.steady(Duration.ZERO),
                settings(body.length()))) {
            var catalogs = new CatalogRun(pipeline.secrets().apiKey(), pipeline.url(Service.INGEST_API, ""),
                    pipeline.url(Service.RESULT_NOTIFIER, ""));
            var warm = catalogs.upload(CatalogRun.items(warmUp), Duration.ofMinutes(5));
            catalogs.awaitEnded(warm.get("id").asString(), Duration.ofMinutes(5));

            var pids = pipeline.pids();
            var cpuBefore = cpu(pids);
            Instant started = Instant.now();
            var receipt = catalogs.upload(body, drain());
            Duration uploaded = Duration.between(started, Instant.now());
            var threads = sample(pids, logs);
            var catalog = catalogs.awaitEnded(receipt.get("id").asString(), drain());
            Duration ran = Duration.between(started, Instant.now());
            var cpuAfter = cpu(pids);
            var usage = new TreeMap<String, Usage>();
            pids.forEach((name, pid) -> usage.put(name, new Usage(cpuAfter.get(name).minus(cpuBefore.get(name)),
                    ProcessUsage.peakResidentMb(pid), ProcessUsage.liveHeap(pid))));

            var spans = spans(pipeline.bootstrapServers(), started.toEpochMilli());
            var sizes = List.of(spans.get(Topics.REQUESTS_BULK).meanSize(), spans.get(Topics.PROMPTS_BULK).meanSize(),
                    spans.get("terminal").meanSize());
            var raw = raw(pipeline.bootstrapServers(), sizes, pids.get("broker"));
            var run = new Run(catalog.path("counts").path("completed").asLong(), uploaded, ran, spans, raw, sizes,
                    usage, threads);
            return result(run);
        }
    }

    /** The baseline's rate, in its runs, and the CPU time the broker and this JVM spent on each of its records. */
    private Raw raw(String bootstrapServers, List<Integer> sizes, long broker) throws Exception {
        var rates = new ArrayList<Double>();
        long self = ProcessHandle.current().pid();
        try (var hops = new RawHops(bootstrapServers, sizes)) {
            hops.throughput(Math.min(items, 10_000), drain());
            var before = ProcessUsage.cpu(broker).plus(ProcessUsage.cpu(self));
            for (int run = 0; run < rawRuns; run++) {
                rates.add(hops.throughput(items, drain()));
            }
            var spent = ProcessUsage.cpu(broker).plus(ProcessUsage.cpu(self)).minus(before);
            return new Raw(rates.stream().sorted().toList(), spent.toNanos() / 1e6 / ((double) rawRuns * items));
        }
    }

    /** The catalog's limits raised to its size; the services' other settings as they come. */
    private Map<Service, List<String>> settings(int bodyLength) {
        int most = Math.max(items, 100_000);
        return Map.of(Service.INGEST_API,
                List.of("--pipeline.ingest-api.catalogs.max-items=" + most,
                        "--pipeline.ingest-api.catalogs.max-upload-size=" + Math.max(256, bodyLength / 500_000) + "MB"),
                Service.RESULT_NOTIFIER, List.of("--pipeline.result-notifier.catalogs.max-items=" + (most + warmUp)),
                // As the quota is lifted: an instant provider is no limit on calls at once. The defaults (8) model a
                // real provider's, and would hold a catalog, whose jobs share a partition, to 8 at a time.
                Service.GENERATION_WORKER,
                List.of("--pipeline.generation-worker.lanes.bulk-jobs-per-partition=" + IN_FLIGHT,
                        "--pipeline.generation-worker.lanes.max-calls=" + IN_FLIGHT));
    }

    private Duration drain() {
        return Duration.ofMinutes(5).plusSeconds(items / 20);
    }

    private static Map<String, Duration> cpu(Map<String, Long> pids) {
        var cpu = new TreeMap<String, Duration>();
        pids.forEach((name, pid) -> cpu.put(name, ProcessUsage.cpu(pid)));
        return cpu;
    }

    /** The listener threads of the busiest services, a few seconds into the catalog's run. */
    private static Map<String, List<String>> sample(Map<String, Long> pids, Path logs) throws Exception {
        var threads = new TreeMap<String, List<String>>();
        for (String name : SAMPLED) {
            threads.put(name, ThreadSample.take(name, pids.get(name), logs, SAMPLES, Duration.ofSeconds(2)));
        }
        return threads;
    }

    /** Each topic the catalog's jobs cross, from the moment of the upload: written how fast, by whom. */
    private static Map<String, TopicSpan> spans(String bootstrapServers, long since) {
        return Map.of(Topics.REQUESTS_BULK,
                TopicSpan.since(bootstrapServers, Topics.REQUESTS_BULK, since, TopicSpan.ALL), Topics.PROMPTS_BULK,
                TopicSpan.since(bootstrapServers, Topics.PROMPTS_BULK, since, TopicSpan.ALL), Topics.JOB_EVENTS,
                TopicSpan.since(bootstrapServers, Topics.JOB_EVENTS, since, TopicSpan.ALL), "terminal",
                TopicSpan.since(bootstrapServers, Topics.JOB_EVENTS, since, TopicSpan.TERMINAL_EVENTS));
    }

    private ScenarioResult result(Run run) {
        String setup = ("One catalog of %,d items (after one of %,d to warm up; smaller with -Dbench.throughput.items=) uploaded as NDJSON in one request; "
                + "Replicate is a stub whose predictions have ended when created, polled by generation-worker, so a "
                + "job crosses 3 topics; generation-worker runs up to %d of the catalog's jobs at once (its "
                + "`lanes.bulk-jobs-per-partition` and `lanes.max-calls`, 8 by default for a real provider); jobs a second from the first terminal event on pipeline.job-events to the "
                + "last, by the broker's timestamps. Baseline: as many records through 3 topics by kafka-clients in "
                + "the benchmark's JVM (acks=all, idempotent, linger.ms 0 as the services have it, relays that forward each poll and wait for "
                + "its acknowledgements), %s bytes, sent as fast as the producer takes them, on the same broker after "
                + "the catalog; records a second from the first arrival at the last topic to the last, the median of "
                + "%d runs. CPU: each process's user and system time over the catalog's run (/proc), as a share of "
                + "one core, and over all of them by job, against the broker's and the benchmark JVM's by raw "
                + "record. Heap: what each JVM holds after the run and a full GC (`jcmd GC.run`, `GC.heap_info`). "
                + StubbedPipeline.PROCESSES).formatted(items, warmUp, IN_FLIGHT,
                        run.sizes().stream().map(String::valueOf).collect(Collectors.joining(", ")), rawRuns);
        var figures = new ArrayList<Figure>();
        var jobs = Figure.of("jobs a second", run.spans().get("terminal").perSecond(), "/s")
                .against(run.raw().median());
        figures.add(jobs.aiming("≥ %.0f%% of raw Kafka".formatted(GOAL * 100),
                jobs.ratio() != null && jobs.ratio() >= GOAL));
        figures.add(Figure.of("catalog, upload to last terminal event", run.ran().toMillis() / 1000.0, "s"));
        figures.add(Figure.of("CPU a job, all processes", run.cpuPerJob(), "ms").against(run.raw().cpuPerRecord()));
        double seconds = run.ran().toMillis() / 1000.0;
        run.usage()
                .forEach((name, used) -> figures
                        .add(Figure.of("CPU, " + name, used.cpu().toMillis() / 10.0 / seconds, "% of a core")));
        run.usage()
                .forEach((name, used) -> figures
                        .add(Figure.of("live heap after the run, " + name, used.liveHeap().usedMb(), "MB")));
        return new ScenarioResult(id(), title(), setup, figures, notes(run));
    }

    private List<String> notes(Run run) {
        var notes = new ArrayList<String>();
        var spans = run.spans();
        notes.add(("%,d of %,d items completed; ingest-api answered the upload after %.1f s. Where the catalog waits, "
                + "by the rate each topic was written at: pipeline.requests.bulk %.0f/s (ingest-api), "
                + "pipeline.prompts.bulk %.0f/s (prompt-worker), terminal events %.0f/s (generation-worker). The "
                + "completion topic took %.1f events a job (accepted, prompt_prepared, progress, succeeded), where the "
                + "baseline moves one record a hop. The raw runs gave %s records a second; the pipeline reached "
                + "%.2f%% of their median.").formatted(run.completed(), items, run.uploaded().toMillis() / 1000.0,
                        spans.get(Topics.REQUESTS_BULK).perSecond(), spans.get(Topics.PROMPTS_BULK).perSecond(),
                        spans.get("terminal").perSecond(),
                        spans.get(Topics.JOB_EVENTS).records() / (double) Math.max(1, spans.get("terminal").records()),
                        run.raw().rates().stream().map("%,.0f"::formatted).collect(Collectors.joining(", ")),
                        100 * spans.get("terminal").perSecond() / run.raw().median()));
        notes.add("Peak resident memory: " + run.usage()
                .entrySet()
                .stream()
                .map(used -> "%s %.0f MB".formatted(used.getKey(), used.getValue().peakResidentMb()))
                .collect(Collectors.joining(", ")) + ".");
        notes.add("Listener threads in %d thread dumps each, 2 s apart, after the upload (kept in ".formatted(SAMPLES)
                + "target/benchmark-logs/throughput): "
                + run.threads()
                        .entrySet()
                        .stream()
                        .map(service -> service.getKey() + ": " + String.join("; ", service.getValue()))
                        .collect(Collectors.joining(". "))
                + ".");
        return notes;
    }

    private record Usage(Duration cpu, double peakResidentMb, ProcessUsage.Heap liveHeap) {
    }

    /** What one run measured. */
    private record Run(long completed, Duration uploaded, Duration ran, Map<String, TopicSpan> spans, Raw raw,
            List<Integer> sizes, Map<String, Usage> usage, Map<String, List<String>> threads) {

        /** The CPU time every process of the pipeline spent over the catalog's run, by job, in milliseconds. */
        double cpuPerJob() {
            return usage.values().stream().mapToLong(used -> used.cpu().toMillis()).sum()
                    / (double) Math.max(1, completed);
        }
    }

    /**
     * @param rates records a second, in each run, slowest first
     * @param cpuPerRecord CPU time of the broker and this JVM by record, in milliseconds
     */
    private record Raw(List<Double> rates, double cpuPerRecord) {

        double median() {
            return rates.get(rates.size() / 2);
        }
    }
}
