package dev.imagepipeline.generation.provider;

import java.time.Duration;

/**
 * How a provider's submitted runs are watched, since a callback may never come: a run that has not ended within
 * {@code grace} of its submission is polled every {@code interval}, and one still going {@code deadline} after its
 * submission is canceled at the provider and its job fails.
 */
public record RunSchedule(Duration grace, Duration interval, Duration deadline) {

    public RunSchedule {
        if (grace.isNegative() || !interval.isPositive() || !deadline.isPositive()) {
            throw new IllegalArgumentException(
                    "a run's grace may not be negative, its poll interval and deadline must be positive");
        }
    }
}
