package dev.imagepipeline.webhook.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The delivery ids claimed for relaying within the last {@code window}, so a sender's retry of one of them is not
 * relayed again. Bounded: past the capacity, the oldest claim is forgotten first. Held in memory only, so a restart or
 * a second instance forgets them; the job view settles what slips through.
 */
final class RecentDeliveries {

    private final int capacity;
    private final Duration window;
    private final Clock clock;
    // Insertion order is claim order, so the expired claims are always at the head.
    private final Map<String, Instant> claims = new LinkedHashMap<>();

    RecentDeliveries(int capacity, Duration window, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.window = window;
        this.clock = clock;
    }

    /**
     * Claims the id for relaying.
     *
     * @return false when it was claimed within the window: relayed already, or being relayed right now
     */
    synchronized boolean claim(String id) {
        Instant now = clock.instant();
        forgetClaimsBefore(now.minus(window));
        if (claims.containsKey(id)) {
            return false;
        }
        claims.put(id, now);
        if (claims.size() > capacity) {
            forgetOldest();
        }
        return true;
    }

    /** Gives up a claim whose relay failed, so the sender's next attempt is relayed. */
    synchronized void release(String id) {
        claims.remove(id);
    }

    private void forgetClaimsBefore(Instant cutoff) {
        for (Iterator<Instant> claimed = claims.values().iterator(); claimed.hasNext();) {
            if (!claimed.next().isBefore(cutoff)) {
                return;
            }
            claimed.remove();
        }
    }

    private void forgetOldest() {
        Iterator<String> oldest = claims.keySet().iterator();
        oldest.next();
        oldest.remove();
    }
}
