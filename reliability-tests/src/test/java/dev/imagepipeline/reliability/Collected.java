package dev.imagepipeline.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.reliability.Ledger.Event;
import dev.imagepipeline.reliability.MalformedRecords.Sent;

/** What the suite gathered while the pipeline still ran, and the facts it makes once the logs are complete too. */
record Collected(Instant planStart, Load load, Client client, Set<String> accepted, Map<String, List<Event>> events,
        Outcomes outcomes, List<FaultPlan.Done> timeline, List<Sent> malformed,
        Map<String, List<ConsumerRecord<byte[], byte[]>>> topics, List<String> viewMismatches, List<String> exited) {

    private static final int EVIDENCE = 20;

    Collection<ConsumerRecord<byte[], byte[]>> records() {
        return topics.values().stream().flatMap(List::stream).toList();
    }

    /** Every answer that was not a success. */
    List<String> answers() {
        return client.unsuccessful();
    }

    RunFacts facts(Instant startedAt, Duration wallTime, ReplicateStub stub, Map<String, Integer> faults,
            RunFacts.Leaks leaks, Map<String, Map<String, Set<String>>> skipped) {
        var jobs = new RunFacts.Jobs(load.singles(), load.items(), load.submitted(), accepted.size(),
                load.notAccepted(), client.retries());
        var deadLetters = Topics.WORK.stream()
                .map(topic -> DeadLetters.of(topic, malformed, dlt -> topics.getOrDefault(dlt, List.of())))
                .toList();
        return new RunFacts(startedAt, planStart, wallTime, jobs, outcomes, provider(stub), faults, timeline, malformed,
                deadLetters, skipped, namedJobEnds(), leaks, viewMismatches, exited, evidence(stub));
    }

    private RunFacts.Provider provider(ReplicateStub stub) {
        var predictions = stub.predictions();
        var byJob = stub.predictionsByJob();
        int twice = (int) byJob.values().stream().filter(count -> count > 1).count();
        int extra = (int) byJob.values().stream().mapToLong(count -> count - 1).sum();
        int afterLostAnswer = (int) byJob.entrySet()
                .stream()
                .filter(entry -> entry.getValue() > 1)
                .filter(entry -> predictions.stream().anyMatch(p -> entry.getKey().equals(p.job) && p.answerLost))
                .mapToLong(entry -> entry.getValue() - 1)
                .sum();
        int unattributed = (int) predictions.stream().filter(p -> p.job == null).count();
        var webhooks = stub.webhooks();
        return new RunFacts.Provider(predictions.size(), twice, extra, afterLostAnswer, unattributed, stub.polls(),
                stub.cancels(), stub.expired(), new RunFacts.Deliveries(webhooks.delivered(), webhooks.retried(),
                        webhooks.refused(), webhooks.abandoned()));
    }

    /** The results the completion topic holds for each malformed record that named a job. */
    private Map<String, List<String>> namedJobEnds() {
        var ends = new LinkedHashMap<String, List<String>>();
        malformed.stream()
                .filter(Sent::namesJob)
                .forEach(sent -> ends.put(sent.topic() + " " + sent.key(),
                        events.getOrDefault(sent.key(), List.of())
                                .stream()
                                .filter(Event::terminal)
                                .map(Outcomes::result)
                                .toList()));
        return ends;
    }

    /** A step as the evidence shows it: a terminal one with when it came, counted from the first job. */
    private String step(Event event) {
        String step = Outcomes.steps(List.of(event)).getFirst();
        if (!event.terminal()) {
            return step;
        }
        String at = event.at() == null
                ? ""
                : " at %.1f s".formatted(Duration.between(planStart, event.at()).toMillis() / 1000.0);
        return step + at + (event.type().equals("succeeded") ? " " + event.images() : "");
    }

    /**
     * For the first jobs that did not end, those that ended twice differently and those that succeeded twice with other
     * images: their steps on the topic, and their predictions at the provider.
     */
    private List<String> evidence(ReplicateStub stub) {
        var evidence = new ArrayList<String>();
        var jobs = Stream.of(outcomes.lost(), List.copyOf(outcomes.conflicting().keySet()), outcomes.otherImages())
                .flatMap(some -> some.stream().limit(EVIDENCE));
        jobs.forEach(job -> {
            var runs = stub.predictions()
                    .stream()
                    .filter(p -> job.equals(p.job))
                    .map(p -> p.id + " " + p.status() + " (" + p.fate + (p.answerLost ? ", answer lost" : "") + ")")
                    .toList();
            var steps = events.getOrDefault(job, List.of()).stream().map(this::step).toList();
            evidence.add(job + ": steps " + steps + ", predictions " + runs);
        });
        return evidence;
    }
}
