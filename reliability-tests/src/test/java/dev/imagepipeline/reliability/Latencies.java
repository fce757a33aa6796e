package dev.imagepipeline.reliability;

import java.util.Collection;
import java.util.List;

/** Durations measured, sorted, in milliseconds: their percentiles and mean. */
record Latencies(List<Double> millis) {

    Latencies {
        millis = millis.stream().sorted().toList();
    }

    static Latencies ofNanos(Collection<Long> nanos) {
        return new Latencies(nanos.stream().map(value -> value / 1e6).toList());
    }

    /** The nearest-rank percentile: {@code p(0.99)} is the value 99 % of the samples do not exceed. */
    double p(double quantile) {
        if (millis.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * millis.size());
        return millis.get(Math.clamp(rank - 1, 0, millis.size() - 1));
    }

    double mean() {
        return millis.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double max() {
        return millis.isEmpty() ? Double.NaN : millis.getLast();
    }

    int count() {
        return millis.size();
    }
}
