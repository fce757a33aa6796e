package dev.imagepipeline.webhook.replicate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code webhook-id}s of the last deliveries whose callback was published, so a provider's retry of one of them is
 * not relayed again. Bounded: the least recently seen id is forgotten first. Held in memory only, so a restart or a
 * second instance forgets them.
 */
final class RecentDeliveries {

    private final Map<String, Boolean> ids;

    RecentDeliveries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The capacity must be at least 1: " + capacity);
        }
        // Access order: a delivery that keeps being retried stays remembered.
        this.ids = new LinkedHashMap<>(16, 0.75f, true) {

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized boolean published(String id) {
        return ids.get(id) != null;
    }

    synchronized void remember(String id) {
        ids.put(id, Boolean.TRUE);
    }
}
