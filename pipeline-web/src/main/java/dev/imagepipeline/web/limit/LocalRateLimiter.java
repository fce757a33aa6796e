package dev.imagepipeline.web.limit;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts in this process: GCRA, the token bucket kept as one number per key, the theoretical arrival time (TAT) at
 * which the key's bucket is full again. A request is let through when the TAT it would push forward is at most a
 * minute ahead, and then pushes it one interval ({@link Rate#intervalNanos()}) further.
 *
 * <p>
 * Memory stays bounded: a key whose bucket is full again is the same as a key never seen, so it is forgotten (at most a
 * minute after its last request), and beyond {@code maxKeys} the least recently seen key is forgotten early. A flood
 * of distinct keys, such as spoofed addresses, thus costs at most {@code maxKeys} entries; the price is that a key
 * forgotten early starts again with a full bucket.
 */
public final class LocalRateLimiter implements RateLimiter {

    /** About 17 MB at most, with keys as long as {@code read:ip:} and a full IPv6 address (measured). */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final LongSupplier nanoTime;
    private final Map<String, Long> arrivals;

    public LocalRateLimiter() {
        this(DEFAULT_MAX_KEYS);
    }

    public LocalRateLimiter(int maxKeys) {
        this(maxKeys, System::nanoTime);
    }

    LocalRateLimiter(int maxKeys, LongSupplier nanoTime) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("A rate limiter keeps at least one key, not " + maxKeys);
        }
        this.nanoTime = nanoTime;
        // In access order, so that the eldest entry is the key seen least recently.
        this.arrivals = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > maxKeys;
            }
        };
    }

    @Override
    public synchronized Verdict take(String key, Rate rate) {
        long now = nanoTime.getAsLong();
        forgetFullBuckets(now);
        Long stored = arrivals.get(key);
        // nanoTime may wrap, so instants are only ever compared through their difference.
        long tat = stored == null || stored - now < 0 ? now : stored;
        long next = tat + rate.intervalNanos();
        long allowedFrom = next - MINUTE;
        if (allowedFrom - now > 0) {
            return Verdict.refuse(Duration.ofNanos(allowedFrom - now));
        }
        arrivals.put(key, next);
        return Verdict.allow(remaining(now - allowedFrom, rate));
    }

    synchronized int size() {
        return arrivals.size();
    }

    /**
     * Drops full buckets from the least recently seen end. Every key seen over a minute ago is full and sits at that
     * end, so each is dropped by the next request after its minute, whichever key that request is for.
     */
    private void forgetFullBuckets(long now) {
        for (Iterator<Long> eldest = arrivals.values().iterator(); eldest.hasNext();) {
            if (eldest.next() - now > 0) {
                return;
            }
            eldest.remove();
        }
    }

    private static int remaining(long slackNanos, Rate rate) {
        // An interval rounded down to the nanosecond could count one more than the bucket holds.
        return (int) Math.min(slackNanos / rate.intervalNanos(), rate.perMinute() - 1);
    }
}
