package dev.imagepipeline.reliability;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.reliability.Pipeline.Service;
import dev.imagepipeline.reliability.ScenarioResult.Figure;

/**
 * Issue 9's fan-out: one result-notifier (with the broker, nothing else) holding {@code bench.fanout.streams}
 * {@code GET /api/events} streams of one API client, while job events are written straight to the completion topic
 * one at a time; each stream notes when each event reached it. The same measurement with {@code bench.fanout.few}
 * streams, on the same process just before, is the baseline.
 */
final class FanoutScenario implements Scenario {

    static final int STREAMS = Integer.getInteger("bench.fanout.streams", 10_000);
    static final int FEW = Integer.getInteger("bench.fanout.few", 100);
    /** Jobs whose three events go out one at a time, in each phase. */
    static final int JOBS = Integer.getInteger("bench.fanout.jobs", 10);
    static final String HEAP = System.getProperty("bench.fanout.heap", "2g");
    static final int WARM_UP = 5;
    static final int OPEN_AT_ONCE = 200;
    static final Duration EVENT_WITHIN = Duration.ofSeconds(60);
    /** The JVM's own defaults (G1, C2), as production would run it, with a heap that fits the streams. */
    static final List<String> JVM = List.of("-Xmx" + HEAP, "-XX:-UsePerfData");
    /** Frames of result-notifier's profile worth naming, with what they do. */
    private static final Map<String, String> LANDMARKS = landmarks();

    private static Map<String, String> landmarks() {
        var landmarks = new LinkedHashMap<String, String>();
        landmarks.put("dev.imagepipeline.notifier.job.SseStream.drain", "the streams' writers, all told");
        landmarks.put("tools.jackson.databind.ObjectWriter.writeValueAsString",
                "the event serialized to JSON, once for each stream");
        landmarks.put("org.springframework.http.converter.AbstractHttpMessageConverter.write",
                "Spring's message converters writing the SSE lines");
        landmarks.put("org.apache.catalina.connector.OutputBuffer.flush", "Tomcat's flush after each event");
        landmarks.put("org.apache.tomcat.util.net.NioEndpoint$NioSocketWrapper.doWrite", "of which socket writes");
        landmarks.put("dev.imagepipeline.notifier.job.JobView.apply", "the consumer handing the event to each stream");
        landmarks.put("org.apache.coyote.AbstractProtocol.lambda$startAsyncTimeout$0",
                "Tomcat's scan of the waiting async requests, every second");
        return landmarks;
    }

    @Override
    public String id() {
        return "fanout";
    }

    @Override
    public String title() {
        return "Fan-out: SSE subscribers of one result-notifier";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        var secrets = Secrets.random();
        Path work = Files.createTempDirectory("bench-fanout-");
        var settings = List.of("--server.tomcat.max-connections=" + (STREAMS + 1000));
        try (var pipeline = Pipeline.start(secrets, URI.create("http://127.0.0.1:9"), context.jars(),
                context.logs(id()), work, Map.of(Service.RESULT_NOTIFIER, settings),
                EnumSet.of(Service.RESULT_NOTIFIER), Map.of(Service.RESULT_NOTIFIER, JVM));
                var feed = new JobEventFeed(pipeline.bootstrapServers(), Secrets.CLIENT);
                var clients = new SseSubscribers(pipeline.url(Service.RESULT_NOTIFIER, "/api/events"), secrets.apiKey(),
                        STREAMS)) {
            var notifier = new JvmProbe(pipeline.pid(Service.RESULT_NOTIFIER));
            var idle = new Phase(0, notifier.heapAfterFullGc(0), notifier.threads(), 0, List.of(), 0, 0);
            clients.open(FEW, OPEN_AT_ONCE, Duration.ofMinutes(1));
            // The first events warm the notifier up; they are not counted.
            deliver(clients, feed, WARM_UP);
            var few = phase(clients, feed, notifier, 0, null);
            long opening = System.nanoTime();
            int watching = clients.open(STREAMS - FEW, OPEN_AT_ONCE, Duration.ofMinutes(3));
            double openSeconds = (System.nanoTime() - opening) / 1e9;
            Path recording = context.logs(id()).resolve("result-notifier.jfr");
            var many = phase(clients, feed, notifier, openSeconds, recording);
            var threads = notifier.threadNames();
            var hot = hotSpots(HotMethods.shares(recording));
            return result(idle, few, many, watching, clients, threads, notifier.residentMb(), hot);
        } finally {
            FaultRun.deleteRecursively(work);
        }
    }

    /** One number of streams: the heap and threads they hold, then the delays of each job's events. */
    private record Phase(int streams, JvmProbe.Heap heap, int threads, double openSeconds, List<Double> delays,
            double notifierCpu, double readersCpu) {
    }

    /** @param recording where to keep a JFR recording of the notifier while the events go out, if anywhere */
    private static Phase phase(SseSubscribers clients, JobEventFeed feed, JvmProbe notifier, double openSeconds,
            @Nullable Path recording) throws Exception {
        var heap = notifier.heapAfterFullGc(6);
        int threads = notifier.threads();
        var readers = new JvmProbe(ProcessHandle.current().pid());
        double notifierBefore = notifier.cpuSeconds();
        double readersBefore = readers.cpuSeconds();
        List<Double> delays;
        try (var profiling = recording == null ? null : notifier.record(recording)) {
            delays = deliver(clients, feed, JOBS);
        }
        return new Phase(clients.watching(), heap, threads, openSeconds, delays, notifier.cpuSeconds() - notifierBefore,
                readers.cpuSeconds() - readersBefore);
    }

    /** The shares of the methods that say where the notifier's CPU went. */
    private static List<String> hotSpots(Map<String, Double> shares) {
        return LANDMARKS.entrySet()
                .stream()
                .map(landmark -> "%s %.0f%%".formatted(landmark.getValue(),
                        100 * shares.getOrDefault(landmark.getKey(), 0.0)))
                .toList();
    }

    /** Sends each job's events one at a time, each once every stream has the one before or the time is up. */
    private static List<Double> deliver(SseSubscribers clients, JobEventFeed feed, int jobs)
            throws InterruptedException {
        var delays = new ArrayList<Double>();
        for (int job = 0; job < jobs; job++) {
            String id = JobEventFeed.newJob();
            for (String type : JobEventFeed.TYPES) {
                var probe = clients.expect(id, type);
                feed.send(id, type);
                delays.addAll(probe.await(EVENT_WITHIN));
            }
        }
        return delays;
    }

    private ScenarioResult result(Phase idle, Phase few, Phase many, int watching, SseSubscribers clients,
            String threads, double residentMb, List<String> hot) {
        var fewDelays = new Latencies(List.copyOf(few.delays()));
        var manyDelays = new Latencies(List.copyOf(many.delays()));
        long expected = (long) watching * JOBS * JobEventFeed.TYPES.size();
        double heapMb = many.heap().liveMb();
        double perStreamKb = (many.heap().liveBytes() - few.heap().liveBytes()) / 1024.0
                / Math.max(1, many.streams() - few.streams());
        double p99 = manyDelays.p(0.99);
        var figures = List.of(
                Figure.of("streams open", watching, "").aiming("%,d".formatted(STREAMS), watching == STREAMS),
                Figure.of("time to open them", many.openSeconds(), "s"),
                Figure.of("live heap after full GC", heapMb, "MB")
                        .against(few.heap().liveMb())
                        .aiming("< 512 MB", heapMb < 512),
                Figure.of("heap per stream", perStreamKb, "KB"),
                Figure.of("OS threads", many.threads(), "").against(few.threads()),
                Figure.of("resident memory", residentMb, "MB"),
                Figure.of("p50 delay, event sent → client", manyDelays.p(0.50), "ms").against(fewDelays.p(0.50)),
                Figure.of("p99 delay, event sent → client", p99, "ms")
                        .against(fewDelays.p(0.99))
                        .aiming("< 100 ms", p99 < 100),
                Figure.of("max delay", manyDelays.max(), "ms").against(fewDelays.max()),
                Figure.of("result-notifier CPU per event and stream", perDelivery(many), "µs")
                        .against(perDelivery(few)),
                Figure.of("deliveries missed", expected - manyDelays.count(), "")
                        .aiming("0", expected == manyDelays.count()));
        var notes = new ArrayList<String>();
        notes.add("Heap: %.1f MB live with no stream, %.1f MB with %,d, %.1f MB with %,d. Largest classes with %,d "
                .formatted(idle.heap().liveMb(), few.heap().liveMb(), few.streams(), heapMb, many.streams(),
                        many.streams())
                + "streams: " + String.join("; ", many.heap().largest()) + ".");
        notes.add("Platform threads with %,d streams, by name: %s.".formatted(many.streams(), threads));
        notes.add(("CPU while the %d events went out to %,d streams: result-notifier %.1f s, the benchmark's JVM "
                + "(the readers) %.1f s; with %,d streams: %.1f s and %.1f s. Where result-notifier spent it (share of "
                + "JFR execution samples with the method on the stack): %s.")
                .formatted(JOBS * JobEventFeed.TYPES.size(), many.streams(), many.notifierCpu(), many.readersCpu(),
                        few.streams(), few.notifierCpu(), few.readersCpu(), String.join("; ", hot)));
        if (!clients.failures().isEmpty() || clients.ended() > 0) {
            notes.add("%d streams ended early; first reasons: %s".formatted(clients.ended(), clients.failures()));
        }
        return new ScenarioResult(id(), title(), setup(), figures, notes);
    }

    private static double perDelivery(Phase phase) {
        return phase.notifierCpu() * 1e6 / Math.max(1, phase.delays().size());
    }

    private static String setup() {
        return ("result-notifier alone with the broker (`-Xmx%s`, the JVM's default GC and JIT, "
                + "`server.tomcat.max-connections` raised to %,d: Tomcat's default is 8,192), access control on. "
                + "%,d `GET /api/events` streams of one API client, each a raw HTTP/1.1 connection read by a virtual "
                + "thread in the benchmark's JVM; %d jobs' `accepted`, `progress` and `succeeded` events written to "
                + "`pipeline.job-events` one at a time, each once every stream had the one before. Delay: from just "
                + "before the producer's send to the moment the event's last line was read, so it includes the "
                + "broker, the notifier's consumer and the readers' own share of the 2 cores. Baseline: the same "
                + "with %d streams, on the same process just before.")
                .formatted(HEAP, STREAMS + 1000, STREAMS, JOBS, FEW);
    }
}
