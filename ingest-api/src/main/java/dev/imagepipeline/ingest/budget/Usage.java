package dev.imagepipeline.ingest.budget;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One client's month.
 *
 * @param client the API client's name; absent for jobs no client owns, made while access control was off
 * @param jobs the jobs accepted this month, however they ended
 * @param images the images of the jobs that succeeded
 * @param spentUsd the recorded cost of the jobs that succeeded, in US dollars
 * @param reservedUsd the estimated cost of the jobs still in flight
 * @param budgetUsd the client's budget for the month; absent when it has none
 * @param remainingUsd what the client may still spend this month: its budget less what it spent and reserved
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Usage(@Nullable String client, int jobs, int images, BigDecimal spentUsd, BigDecimal reservedUsd,
        @Nullable BigDecimal budgetUsd, @Nullable BigDecimal remainingUsd) {

    static Usage of(@Nullable String client, int jobs, int images, BigDecimal spent, BigDecimal reserved,
            @Nullable BigDecimal budget) {
        BigDecimal remaining = budget == null ? null : budget.subtract(spent).subtract(reserved).max(BigDecimal.ZERO);
        return new Usage(client, jobs, images, spent, reserved, budget, remaining);
    }
}
