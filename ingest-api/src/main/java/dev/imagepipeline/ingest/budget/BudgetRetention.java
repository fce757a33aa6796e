package dev.imagepipeline.ingest.budget;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.imagepipeline.ingest.IngestApiSettings;
import dev.imagepipeline.kafka.PipelineKafkaSettings;

/**
 * Says at start when budgets are set but the topics this deployment creates keep less than a month: the ledger is
 * rebuilt from the completion topic, and what it no longer holds a client could spend again.
 */
@Component
class BudgetRetention {

    /** A calendar month and a day, so that a restart on the month's last day still reads its first. */
    static final Duration NEEDED = Duration.ofDays(32);
    private static final Logger log = LoggerFactory.getLogger(BudgetRetention.class);

    BudgetRetention(IngestApiSettings settings, PipelineKafkaSettings kafka) {
        if (!settings.budgets().isEmpty() && kafka.retention().compareTo(NEEDED) < 0) {
            log.warn(
                    "Budgets are set for {}, but pipeline.kafka.retention is {}: after a restart the ledger knows only "
                            + "what pipeline.job-events still holds, and a client may spend its budget again. Keep that topic "
                            + "for {} days (see docs/operations.md, Budgets).",
                    settings.budgets().keySet().stream().sorted().toList(), kafka.retention(), NEEDED.toDays());
        }
    }
}
