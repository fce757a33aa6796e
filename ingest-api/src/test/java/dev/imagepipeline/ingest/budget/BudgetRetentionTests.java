package dev.imagepipeline.ingest.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.kafka.PipelineKafkaSettings;

@ExtendWith(OutputCaptureExtension.class)
class BudgetRetentionTests {

    @Test
    void warnsWhenBudgetsAreSetAndTheTopicsKeepLessThanAMonth(CapturedOutput output) {
        new BudgetRetention(settings(Map.of("shop-a", BigDecimal.ONE)), kafka(Duration.ofHours(6)));

        assertThat(output.getOut()).contains("Budgets are set for [shop-a], but pipeline.kafka.retention is PT6H");
    }

    @Test
    void saysNothingWithoutBudgetsOrWithAMonthKept(CapturedOutput output) {
        new BudgetRetention(settings(Map.of()), kafka(Duration.ofHours(6)));
        new BudgetRetention(settings(Map.of("shop-a", BigDecimal.ONE)), kafka(Duration.ofDays(32)));

        assertThat(output.getOut()).doesNotContain("Budgets are set");
    }

    private static IngestApiSettings settings(Map<String, BigDecimal> budgets) {
        return new IngestApiSettings(List.of(), List.of(), IngestApiSettings.Catalogs.defaults(), budgets);
    }

    private static PipelineKafkaSettings kafka(Duration retention) {
        return new PipelineKafkaSettings(3, 12, (short) 1, retention, Duration.ofDays(7), Duration.ofMillis(500), 3,
                Duration.ofSeconds(2), Duration.ofSeconds(5), true);
    }
}
