package dev.imagepipeline.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** The report replaces its own section of a document and nothing else. */
class ReliabilityReportTests {

    @Test
    void replacesWhatIsBetweenTheMarkersOnly() {
        var document = """
                # Reliability

                <!-- fault-suite:begin -->
                an old table
                <!-- fault-suite:end -->

                <!-- fuzz:begin -->
                another suite's table
                <!-- fuzz:end -->
                """;

        assertThat(ReliabilityReport.between(document, "| a new | table |\n")).isEqualTo("""
                # Reliability

                <!-- fault-suite:begin -->
                | a new | table |
                <!-- fault-suite:end -->

                <!-- fuzz:begin -->
                another suite's table
                <!-- fuzz:end -->
                """);
    }

    @Test
    void refusesADocumentWithoutItsSection() {
        assertThatIllegalArgumentException().isThrownBy(() -> ReliabilityReport.between("# Reliability\n", "x"));
    }
}
