package dev.imagepipeline.generation.job;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import dev.imagepipeline.generation.provider.ProviderResilience;

/** A job's wait for a provider of its chain to recover, bounded from the first refusal. */
final class Outage {

    private final long since = System.nanoTime();
    private final Duration bound;

    Outage(Duration bound) {
        this.bound = bound;
    }

    /** A {@link System#nanoTime()} reading. */
    long deadline() {
        return since + bound.toNanos();
    }

    /** What the client is told while the job waits. */
    String waiting(List<ProviderResilience.Unavailable> refusals) {
        return refusals.size() == 1
                ? "%s is failing; waiting up to %s for it to recover".formatted(names(refusals, ""), span(bound))
                : "%s are failing; waiting up to %s for one of them to recover".formatted(names(refusals, ""),
                        span(bound));
    }

    /** Why the job failed once its wait was over. */
    String waited(List<ProviderResilience.Unavailable> refusals) {
        var waited = span(Duration.ofNanos(System.nanoTime() - since));
        return refusals.size() == 1
                ? "Provider %s is failing and is being rested; the job waited %s for it to recover."
                        .formatted(names(refusals, "'"), waited)
                : "Providers %s are failing and are being rested; the job waited %s for one of them to recover."
                        .formatted(names(refusals, "'"), waited);
    }

    private static String names(List<ProviderResilience.Unavailable> refusals, String quote) {
        return refusals.stream().map(refused -> quote + refused.provider() + quote).collect(Collectors.joining(", "));
    }

    private static String span(Duration span) {
        return span.toMillis() < 1000 ? span.toMillis() + " ms" : span.toSeconds() + " s";
    }
}
