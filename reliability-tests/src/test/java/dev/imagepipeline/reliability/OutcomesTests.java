package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.imagepipeline.reliability.Ledger.Event;

/** How the suite reads a job's fate from its events on the completion topic. */
class OutcomesTests {

    private static Event step(String job, String type) {
        return new Event(job, type, null, null, List.of(), null, null);
    }

    private static Event failed(String job, String reason) {
        return new Event(job, "failed", reason, "it failed: " + reason, List.of(), null, null);
    }

    private static Event succeeded(String job, String image) {
        return new Event(job, "succeeded", null, null, List.of(image), null, null);
    }

    @Nested
    class Lost {

        @Test
        void countsAnAcceptedJobWithoutATerminalEvent() {
            var outcomes = Outcomes.of(Set.of("a", "b"),
                    Map.of("a", List.of(step("a", "accepted"), step("a", "submitted")), "b",
                            List.of(step("b", "accepted"), succeeded("b", "u1"))));

            assertThat(outcomes.lost()).containsExactly("a");
            assertThat(outcomes.results()).containsExactly(Map.entry("succeeded", 1));
        }

        @Test
        void countsAnAcceptedJobTheTopicNeverNamed() {
            assertThat(Outcomes.of(Set.of("a"), Map.of()).lost()).containsExactly("a");
        }

        @Test
        void leavesOutJobsThatWereNotAccepted() {
            var outcomes = Outcomes.of(Set.of(), Map.of("x", List.of(failed("x", "invalid_request"))));

            assertThat(outcomes.lost()).isEmpty();
            assertThat(outcomes.results()).isEmpty();
        }
    }

    @Nested
    class Twice {

        @Test
        void findsAJobThatFailedAndThenSucceeded() {
            var outcomes = Outcomes.of(Set.of("a"), Map.of("a", List.of(step("a", "accepted"),
                    failed("a", "provider_unavailable"), step("a", "progress"), succeeded("a", "u1"))));

            assertThat(outcomes.conflicting()).containsExactly(
                    Map.entry("a", List.of("accepted", "failed: provider_unavailable", "progress", "succeeded")));
            assertThat(outcomes.results()).containsExactly(Map.entry("failed: provider_unavailable", 1));
            assertThat(outcomes.examples()).containsEntry("failed: provider_unavailable",
                    "it failed: provider_unavailable");
            assertThat(outcomes.afterTerminal()).isEqualTo(1);
        }

        @Test
        void findsTwoFailuresForDifferentReasons() {
            var outcomes = Outcomes.of(Set.of("a"),
                    Map.of("a", List.of(failed("a", "provider_timeout"), failed("a", "canceled"))));

            assertThat(outcomes.conflicting()).containsKey("a");
        }

        @Test
        void countsARepeatedResultAsRepeatedNotAsDifferent() {
            var outcomes = Outcomes.of(Set.of("a", "b"),
                    Map.of("a", List.of(succeeded("a", "u1"), succeeded("a", "u1")), "b",
                            List.of(succeeded("b", "u2"), succeeded("b", "u3"))));

            assertThat(outcomes.conflicting()).isEmpty();
            assertThat(outcomes.repeated()).isEqualTo(2);
            assertThat(outcomes.otherImages()).containsExactly("b");
        }
    }
}
