package dev.imagepipeline.reliability;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Single jobs submitted through {@code POST /api/generate} at a steady rate, each timed from the moment its request is
 * sent to the moment its terminal event arrives on a client's SSE stream.
 */
final class TimedJobs {

    /** One job's times: {@code System.nanoTime()} at its submission and at its {@code 202}, and what the stream saw. */
    record Timed(String id, Instant submittedAt, long submitted, long answered, EventStream.Job job) {

        long endToEnd() {
            return job.endedNanos() - submitted;
        }

        long untilAnswered() {
            return answered - submitted;
        }

        boolean succeeded() {
            return "succeeded".equals(job.end());
        }
    }

    private final Client client;
    private final URI ingest;
    private final EventStream stream;

    TimedJobs(Client client, URI ingest, EventStream stream) {
        this.client = client;
        this.ingest = ingest.resolve("/api/generate");
        this.stream = stream;
    }

    /** Submits the jobs and waits for each one's terminal event. */
    List<Timed> run(int count, double perSecond, Duration within) {
        var submitted = SteadyRate.run(count, perSecond, this::submit);
        stream.awaitEnded(submitted.stream().map(Submitted::id).toList(), within);
        return submitted.stream()
                .map(job -> new Timed(job.id(), job.at(), job.sent(), job.answered(), stream.job(job.id())))
                .toList();
    }

    private Submitted submit(int n) {
        Instant at = Instant.now();
        long sent = System.nanoTime();
        var answer = client.submit(ingest, "application/json", UUID.randomUUID().toString(), Load.JOB.formatted(n),
                Duration.ofSeconds(30));
        long answered = System.nanoTime();
        String id = answer.orElseThrow(() -> new IllegalStateException("ingest-api did not accept job " + n))
                .get("id")
                .asString();
        return new Submitted(id, at, sent, answered);
    }

    private record Submitted(String id, Instant at, long sent, long answered) {
    }
}
