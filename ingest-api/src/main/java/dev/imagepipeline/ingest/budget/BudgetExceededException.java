package dev.imagepipeline.ingest.budget;

import java.math.BigDecimal;
import java.time.YearMonth;

/** A job whose estimated cost would take its client's month past its budget; it was not queued. */
public final class BudgetExceededException extends RuntimeException {

    private final YearMonth month;
    private final BigDecimal budget;
    private final BigDecimal spent;
    private final BigDecimal reserved;
    private final BigDecimal estimate;

    BudgetExceededException(String client, YearMonth month, BigDecimal budget, BigDecimal spent, BigDecimal reserved,
            BigDecimal estimate) {
        super(("The job's estimated cost of %s USD would take client '%s' past its budget of %s USD for %s: %s USD "
                + "spent and %s USD reserved by jobs in flight. It was not queued.").formatted(estimate.toPlainString(),
                        client, budget.toPlainString(), month, spent.toPlainString(), reserved.toPlainString()));
        this.month = month;
        this.budget = budget;
        this.spent = spent;
        this.reserved = reserved;
        this.estimate = estimate;
    }

    YearMonth month() {
        return month;
    }

    BigDecimal budget() {
        return budget;
    }

    BigDecimal spent() {
        return spent;
    }

    BigDecimal reserved() {
        return reserved;
    }

    BigDecimal estimate() {
        return estimate;
    }
}
