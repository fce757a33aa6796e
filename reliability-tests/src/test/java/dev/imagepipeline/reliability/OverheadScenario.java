package dev.imagepipeline.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.reliability.Pipeline.Service;
import dev.imagepipeline.reliability.ScenarioResult.Figure;

/**
 * Issue 9's scenario 1: single jobs through the whole pipeline with an instant provider, timed from
 * {@code POST /api/generate} to the job's terminal event on a client's SSE stream, against raw Kafka carrying records
 * of the same sizes through the same three topics ({@code pipeline.requests}, {@code pipeline.prompts.interactive},
 * {@code pipeline.job-events}) in the same run, on the same broker, at the same rate. The two alternate in blocks, so
 * that a change in the machine's load falls on both.
 */
final class OverheadScenario implements Scenario {

    static final double GOAL = 1.5;

    private final int jobs = Integer.getInteger("bench.overhead.jobs", 300);
    private final double rate = Double.parseDouble(System.getProperty("bench.overhead.rate", "5"));
    private final int warmUp = Integer.getInteger("bench.overhead.warmup", 100);
    private final int rounds = Integer.getInteger("bench.overhead.rounds", 3);

    @Override
    public String id() {
        return "overhead";
    }

    @Override
    public String title() {
        return "1. Pipeline overhead";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        try (var pipeline = StubbedPipeline.start(context, id(), ProviderScript.steady(Duration.ZERO), Map.of());
                var stream = EventStream.open(pipeline.url(Service.RESULT_NOTIFIER, ""), pipeline.secrets().apiKey());
                var arrivals = new TopicArrivals(pipeline.bootstrapServers())) {
            var load = new TimedJobs(new Client(pipeline.secrets().apiKey()), pipeline.url(Service.INGEST_API, ""),
                    stream);
            load.run(warmUp, rate, within(warmUp));
            var sizes = List.of(RecordSizes.mean(pipeline.bootstrapServers(), Topics.REQUESTS, ""),
                    RecordSizes.mean(pipeline.bootstrapServers(), Topics.PROMPTS_INTERACTIVE, ""),
                    RecordSizes.mean(pipeline.bootstrapServers(), Topics.JOB_EVENTS, "\"type\":\"succeeded\""));
            try (var raw = new RawHops(pipeline.bootstrapServers(), sizes)) {
                raw.latencies(warmUp, rate, within(warmUp));
                var timed = new ArrayList<TimedJobs.Timed>();
                var rawNanos = new ArrayList<Long>();
                for (int round = 0; round < rounds; round++) {
                    int block = jobs / rounds;
                    timed.addAll(load.run(block, rate, within(block)));
                    rawNanos.addAll(raw.latencies(block, rate, within(block)));
                }
                return result(timed, Latencies.ofNanos(rawNanos), sizes, pipeline.bootstrapServers(), arrivals);
            }
        }
    }

    private Duration within(int count) {
        return Duration.ofSeconds((long) (count / rate) + 120);
    }

    private ScenarioResult result(List<TimedJobs.Timed> timed, Latencies raw, List<Integer> sizes,
            String bootstrapServers, TopicArrivals arrivals) {
        var succeeded = timed.stream().filter(TimedJobs.Timed::succeeded).toList();
        var pipeline = Latencies.ofNanos(succeeded.stream().map(TimedJobs.Timed::endToEnd).toList());
        var answered = Latencies.ofNanos(succeeded.stream().map(TimedJobs.Timed::untilAnswered).toList());
        String setup = ("%d single jobs (after %d to warm up) at %.0f a second, each timed from its POST /api/generate "
                + "to its terminal event on a GET /api/events stream; Replicate is a stub whose predictions have ended "
                + "when created, polled by generation-worker (no public address), so a job crosses 3 topics. "
                + "Baseline: as many records at the same rate through 3 topics by kafka-clients in the benchmark's "
                + "JVM (acks=all, idempotent, linger.ms 0 as the services have it, a relay that waits for its acknowledgements), %s bytes, "
                + "on the same broker, in %d blocks alternating with the jobs'. " + StubbedPipeline.PROCESSES)
                .formatted(timed.size(), warmUp, rate,
                        sizes.stream().map(String::valueOf).collect(Collectors.joining(", ")), rounds);
        var figures = List.of(latency("p50, submit → terminal SSE event", pipeline.p(0.5), raw.p(0.5)),
                latency("p99, submit → terminal SSE event", pipeline.p(0.99), raw.p(0.99)),
                Figure.of("p50, submit → 202 Accepted", answered.p(0.5), "ms"));
        var notes = new ArrayList<String>();
        var stages = JobStages.of(succeeded, bootstrapServers, arrivals);
        notes.add("Against the baseline's %.1f ms for three hops end to end (p50): %s.%s".formatted(raw.p(0.5),
                stages.summary(),
                stages.hops() <= GOAL * raw.p(0.5)
                        ? " Kafka's part is close to the baseline's: the acknowledgements waited for on the way and the "
                                + "services' own work make the difference."
                        : ""));
        notes.add(stages.describe());
        if (succeeded.size() < timed.size()) {
            notes.add("%d of %d jobs did not succeed and are left out.".formatted(timed.size() - succeeded.size(),
                    timed.size()));
        }
        return new ScenarioResult(id(), title(), setup, figures, notes);
    }

    private static Figure latency(String name, double value, double raw) {
        var figure = Figure.of(name, value, "ms").against(raw);
        return figure.aiming("≤ %.1f× raw Kafka".formatted(GOAL), figure.ratio() != null && figure.ratio() <= GOAL);
    }
}
