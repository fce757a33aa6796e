package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.imagepipeline.contracts.Topics;

/**
 * Issue 8's fault injection: a real broker and each service as its own OS process, thousands of jobs submitted through
 * ingest-api to a Replicate stub, while workers are killed and restarted, the broker is killed and restarted, the
 * provider fails and calls back twice and out of order, and every topic gets records no service can read. One run
 * feeds every test below and the report ({@code target/reliability-report.md}, and the section of the file that
 * {@code -Dreliability.report} names, such as {@code docs/reliability.md}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionIntegrationTests {

    private RunFacts run;

    @BeforeAll
    void runTheSuite() throws Exception {
        Path target = Path.of(System.getProperty("reliability.target", "target"));
        run = new FaultRun(target).execute();
        String report = ReliabilityReport.render(run);
        Files.writeString(target.resolve("reliability-report.md"), report);
        Files.write(target.resolve("reliability-evidence.txt"), run.evidence());
        String into = System.getProperty("reliability.report", "");
        if (!into.isBlank()) {
            Path root = Path.of(System.getProperty("reliability.root", "."));
            ReliabilityReport.writeInto(root.resolve(into), report);
        }
        System.out.println(report);
    }

    @Test
    void acceptsEveryJobItWasSent() {
        assertThat(run.jobs().notAccepted()).isZero();
        assertThat(run.jobs().accepted()).isEqualTo(run.jobs().submitted());
    }

    @Test
    void endsEveryAcceptedJob() {
        assertThat(run.outcomes().lost())
                .as("accepted jobs without a terminal event; evidence:%n%s", String.join("\n", run.evidence()))
                .isEmpty();
    }

    @Test
    void reportsNoJobTwiceWithDifferentResults() {
        assertThat(run.outcomes().conflicting()).as("evidence:%n%s", String.join("\n", run.evidence())).isEmpty();
        assertThat(run.outcomes().otherImages())
                .as("jobs that succeeded twice with other images; evidence:%n%s", String.join("\n", run.evidence()))
                .isEmpty();
    }

    @Test
    void waitsForTheProviderThroughAHiccupRatherThanFailingTheBacklog() {
        // For 20 s the provider fails one call in four and its circuit opens; generation-worker's outage-wait (5 min)
        // outlasts that, so the jobs that came meanwhile wait for it instead of failing.
        assertThat(run.outcomes().results()).doesNotContainKey("failed: provider_unavailable");
    }

    @Test
    void showsEveryJobInTheViewAsItsFirstResult() {
        assertThat(run.viewMismatches()).isEmpty();
    }

    @Test
    void deadLettersExactlyTheMalformedRecordsOfEveryWorkTopic() {
        assertThat(run.deadLetters()).hasSize(Topics.WORK.size()).allSatisfy(letters -> {
            assertThat(letters.missing()).as("malformed records of %s not dead-lettered", letters.topic()).isEmpty();
            assertThat(letters.foreign()).as("other records on %s-dlt", letters.topic()).isEmpty();
        });
    }

    @Test
    void failsTheJobAMalformedRequestOrPromptNamesAndLeavesACallbacksJobAlone() {
        run.namedJobEnds().forEach((sent, results) -> {
            String topic = sent.split(" ")[0];
            if (topic.equals(Topics.PROVIDER_CALLBACKS)) {
                // A callback is news about a job, not its work: garbage under a job's key must not end the job.
                assertThat(results).as(sent).isEmpty();
            } else if (Topics.WORK.contains(topic)) {
                assertThat(results.stream().distinct()).as(sent).singleElement().asString().startsWith("failed: ");
            }
        });
    }

    @Test
    void skipsMalformedRecordsOnTheTopicsItReadsAsAView() {
        // Each reader of these topics logs and skips what it cannot read at all; an object lacking fields it may take.
        var readers = Map.of(Topics.JOB_EVENTS, List.of("ingest-api", "result-notifier"), Topics.CANCELLATIONS,
                List.of("prompt-worker", "generation-worker"), Topics.CATALOGS, List.of("result-notifier"));
        readers.forEach((topic, services) -> services.forEach(
                service -> assertThat(run.skipped().getOrDefault(topic, Map.of()).getOrDefault(service, Set.of()))
                        .as("unreadable records of %s that %s logged and skipped", topic, service)
                        .containsAll(run.unreadableSent(topic))));
    }

    @Test
    void leaksNoSecretIntoLogsRecordsOrAnswers() {
        assertThat(run.leaks().lines()).isPositive();
        assertThat(run.leaks().records()).isPositive();
        assertThat(run.leaks().found()).isEmpty();
    }

    @Test
    void keepsEveryProcessRunning() {
        assertThat(run.exited()).isEmpty();
    }
}
