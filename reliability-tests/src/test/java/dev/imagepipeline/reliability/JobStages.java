package dev.imagepipeline.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.imagepipeline.contracts.Topics;

/**
 * Where single jobs' time goes: the medians between the moments the client saw, the services stamped on the job's
 * events ({@code at}), the broker holds for the job's records (their producers' send times, to the millisecond) and a
 * plain consumer of each topic read them. The services and the benchmark share the machine's clock.
 */
final class JobStages {

    /** What happens between one moment of a job and the next. */
    private static final List<String> STAGES = List.of("ingest-api reads and checks the request",
            "ingest-api waits for `accepted` to be acknowledged, then sends the request",
            "the request reaches a consumer of pipeline.requests", "prompt-worker takes it and prepares the prompt",
            "prompt-worker waits for `prompt_prepared` to be acknowledged, then sends the prompt",
            "the prompt reaches a consumer of pipeline.prompts.interactive",
            "generation-worker takes it: the provider's run and download, the image store",
            "generation-worker sends `succeeded`", "`succeeded` reaches a consumer of pipeline.job-events",
            "result-notifier takes it and streams it to the client");

    private final List<TimedJobs.Timed> jobs;
    private final Map<String, Map<String, Instant>> sent;
    private final TopicArrivals arrivals;

    private JobStages(List<TimedJobs.Timed> jobs, Map<String, Map<String, Instant>> sent, TopicArrivals arrivals) {
        this.jobs = jobs;
        this.sent = sent;
        this.arrivals = arrivals;
    }

    /** The jobs' stages, with their records' send times read from the topics they crossed. */
    static JobStages of(List<TimedJobs.Timed> jobs, String bootstrapServers, TopicArrivals arrivals) {
        var sent = new HashMap<String, Map<String, Instant>>();
        for (String topic : TopicArrivals.TOPICS) {
            sent.put(topic,
                    sent(bootstrapServers, topic, topic.equals(Topics.JOB_EVENTS) ? "\"type\":\"succeeded\"" : ""));
        }
        return new JobStages(jobs, sent, arrivals);
    }

    /** When each job's first record holding the text given was sent on the topic, by job id. */
    private static Map<String, Instant> sent(String bootstrapServers, String topic, String holding) {
        var sent = new HashMap<String, Instant>();
        TopicDump.forEach(bootstrapServers, topic, Duration.ofMinutes(2), record -> {
            if (record.key() != null && record.value() != null
                    && new String(record.value(), StandardCharsets.UTF_8).contains(holding)) {
                sent.putIfAbsent(new String(record.key(), StandardCharsets.UTF_8),
                        Instant.ofEpochMilli(record.timestamp()));
            }
        });
        return sent;
    }

    private List<Optional<Instant>> moments(TimedJobs.Timed timed) {
        var job = timed.job();
        String id = timed.id();
        return List.of(Optional.of(timed.submittedAt()), job.step("accepted"), sent(Topics.REQUESTS, id),
                arrivals.arrival(Topics.REQUESTS, id), job.step("prompt_prepared"),
                sent(Topics.PROMPTS_INTERACTIVE, id), arrivals.arrival(Topics.PROMPTS_INTERACTIVE, id),
                job.step("succeeded"), sent(Topics.JOB_EVENTS, id), arrivals.arrival(Topics.JOB_EVENTS, id),
                Optional.ofNullable(job.endedAt()));
    }

    private Optional<Instant> sent(String topic, String job) {
        return Optional.ofNullable(sent.get(topic).get(job));
    }

    /** The median of each stage, in milliseconds. */
    List<Double> medians() {
        var moments = jobs.stream().map(this::moments).toList();
        return IntStream.range(0, STAGES.size())
                .mapToObj(stage -> Latencies.ofNanos(moments.stream()
                        .map(job -> job.get(stage)
                                .flatMap(from -> job.get(stage + 1).map(to -> Duration.between(from, to).toNanos())))
                        .flatMap(Optional::stream)
                        .toList()).p(0.5))
                .toList();
    }

    /** The three Kafka hops' medians, added up: from a record's send to its first read. */
    double hops() {
        var medians = medians();
        return medians.get(2) + medians.get(5) + medians.get(8);
    }

    /** The stages' medians, gathered: the three Kafka hops, the two acknowledgements, the services' own handling. */
    String summary() {
        var medians = medians();
        double hops = hops();
        double acknowledgements = medians.get(1) + medians.get(4);
        double generation = medians.get(6) + medians.get(7);
        double handling = medians.get(0) + medians.get(3) + medians.get(9);
        return ("the three Kafka hops (a record's send to its first read) took %.1f ms; waiting for `accepted` and "
                + "`prompt_prepared` to be acknowledged before sending the job on, two more broker round trips on "
                + "the critical path, took %.1f ms; generation-worker's "
                + "handling took %.1f ms; ingest-api's, prompt-worker's and result-notifier's with the SSE write "
                + "%.1f ms (medians)").formatted(hops, acknowledgements, generation, handling);
    }

    String describe() {
        var medians = medians();
        return ("Where a job's time goes (medians of %d jobs, from the services' event times, the records' send times "
                + "and a plain consumer's reads; send times are whole milliseconds): ").formatted(jobs.size())
                + IntStream.range(0, STAGES.size())
                        .mapToObj(stage -> "%s %.1f ms".formatted(STAGES.get(stage), medians.get(stage)))
                        .collect(Collectors.joining("; "))
                + ".";
    }
}
