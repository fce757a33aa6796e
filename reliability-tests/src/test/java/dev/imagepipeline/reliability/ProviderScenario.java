package dev.imagepipeline.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.imagepipeline.reliability.Pipeline.Service;
import dev.imagepipeline.reliability.ScenarioResult.Figure;

/**
 * Issue 9's scenario 2: with a provider whose every prediction takes a fixed time, a job's end-to-end time (from
 * {@code POST /api/generate} to its terminal event on a client's SSE stream) against running the same prediction at the
 * same stub directly, as generation-worker does (create holding the request open, download the output), in the same
 * run at the same rate. The two alternate in blocks.
 */
final class ProviderScenario implements Scenario {

    static final double GOAL = 1.02;

    private final int jobs = Integer.getInteger("bench.provider.jobs", 40);
    private final double rate = Double.parseDouble(System.getProperty("bench.provider.rate", "1"));
    private final Duration runTime = Duration.ofMillis(Long.getLong("bench.provider.run-millis", 2000));
    private final int warmUp = Integer.getInteger("bench.provider.warmup", 10);
    private final int rounds = Integer.getInteger("bench.provider.rounds", 2);

    @Override
    public String id() {
        return "provider";
    }

    @Override
    public String title() {
        return "2. Provider overhead";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        try (var pipeline = StubbedPipeline.start(context, id(), ProviderScript.steady(runTime), Map.of());
                var stream = EventStream.open(pipeline.url(Service.RESULT_NOTIFIER, ""), pipeline.secrets().apiKey());
                var arrivals = new TopicArrivals(pipeline.bootstrapServers())) {
            var load = new TimedJobs(new Client(pipeline.secrets().apiKey()), pipeline.url(Service.INGEST_API, ""),
                    stream);
            var direct = new DirectCalls(pipeline.stub().baseUrl(), pipeline.secrets().replicateToken());
            load.run(warmUp, rate, within(warmUp));
            SteadyRate.run(warmUp, rate, direct::run);
            var timed = new ArrayList<TimedJobs.Timed>();
            var directNanos = new ArrayList<Long>();
            for (int round = 0; round < rounds; round++) {
                int block = jobs / rounds;
                directNanos.addAll(SteadyRate.run(block, rate, direct::run));
                timed.addAll(load.run(block, rate, within(block)));
            }
            return result(timed, Latencies.ofNanos(directNanos), pipeline.bootstrapServers(), arrivals);
        }
    }

    private Duration within(int count) {
        return Duration.ofSeconds((long) (count / rate) + runTime.toSeconds() + 120);
    }

    private ScenarioResult result(List<TimedJobs.Timed> timed, Latencies direct, String bootstrapServers,
            TopicArrivals arrivals) {
        var succeeded = timed.stream().filter(TimedJobs.Timed::succeeded).toList();
        var pipeline = Latencies.ofNanos(succeeded.stream().map(TimedJobs.Timed::endToEnd).toList());
        String setup = ("%d single jobs (after %d to warm up) at %.0f a second, each timed from its POST /api/generate "
                + "to its terminal event on a GET /api/events stream; every prediction of the Replicate stub takes %d "
                + "ms, and generation-worker holds its create request open for it (Prefer: wait, no public address). "
                + "Baseline: as many predictions at the same rate made directly at the stub from the benchmark's JVM "
                + "the way the worker makes them (create with Prefer: wait=30, then download the output), in %d "
                + "blocks alternating with the jobs'. " + StubbedPipeline.PROCESSES)
                .formatted(timed.size(), warmUp, rate, runTime.toMillis(), rounds);
        var figures = List.of(goal(Figure.of("p50, end to end", pipeline.p(0.5), "ms").against(direct.p(0.5))),
                goal(Figure.of("mean, end to end", pipeline.mean(), "ms").against(direct.mean())),
                Figure.of("p99, end to end", pipeline.p(0.99), "ms").against(direct.p(0.99)));
        var notes = new ArrayList<String>();
        notes.add(("The pipeline adds %.0f ms to the median run (%.0f ms at the 99th percentile); a ratio of %.2f on "
                + "a %d ms run allows %.0f ms.").formatted(pipeline.p(0.5) - direct.p(0.5),
                        pipeline.p(0.99) - direct.p(0.99), GOAL, runTime.toMillis(), (GOAL - 1) * direct.p(0.5)));
        var stages = JobStages.of(succeeded, bootstrapServers, arrivals);
        notes.add(("generation-worker's handling includes the provider's run and the download, which the direct "
                + "call takes %.0f ms for (p50): %s. The goal leaves the whole pipeline %.0f ms beside the run; "
                + "scenario 1 measures what it takes with an instant provider.")
                .formatted(direct.p(0.5), stages.summary(), (GOAL - 1) * direct.p(0.5)));
        notes.add(stages.describe());
        if (succeeded.size() < timed.size()) {
            notes.add("%d of %d jobs did not succeed and are left out.".formatted(timed.size() - succeeded.size(),
                    timed.size()));
        }
        return new ScenarioResult(id(), title(), setup, figures, notes);
    }

    private static Figure goal(Figure figure) {
        return figure.aiming("≤ %.2f× direct".formatted(GOAL), figure.ratio() != null && figure.ratio() <= GOAL);
    }
}
