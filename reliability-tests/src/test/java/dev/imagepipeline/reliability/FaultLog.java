package dev.imagepipeline.reliability;

import java.util.LinkedHashMap;
import java.util.Map;

/** How often each fault was injected, in the order the faults first happened, for the report. */
final class FaultLog {

    private final Map<String, Integer> counts = new LinkedHashMap<>();

    synchronized void injected(String fault) {
        injected(fault, 1);
    }

    synchronized void injected(String fault, int times) {
        counts.merge(fault, times, Integer::sum);
    }

    synchronized int count(String fault) {
        return counts.getOrDefault(fault, 0);
    }

    synchronized Map<String, Integer> counts() {
        return new LinkedHashMap<>(counts);
    }
}
