package dev.imagepipeline.reliability;

import java.util.Collection;

/** Measured delays, in ms, sorted, and their percentiles (nearest rank). */
final class Delays {

    private final double[] sorted;

    Delays(Collection<Double> millis) {
        this.sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    /** @param percent from 0 to 100 */
    double percentile(double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
