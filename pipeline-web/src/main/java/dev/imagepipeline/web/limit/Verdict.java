package dev.imagepipeline.web.limit;

import java.time.Duration;

/**
 * A limiter's answer to one request.
 *
 * @param allowed whether the request may go ahead
 * @param remaining how many more requests the key may make right now (0 when refused)
 * @param retryAfter when refused, how long until the next request will be let through, to the nanosecond; zero when
 *        allowed
 */
public record Verdict(boolean allowed, int remaining, Duration retryAfter) {

    public Verdict {
        boolean consistent = allowed
                ? remaining >= 0 && retryAfter.isZero()
                : remaining == 0 && retryAfter.isPositive();
        if (!consistent) {
            throw new IllegalArgumentException("An allowed request waits for nothing and a refused one has nothing "
                    + "left and a positive wait, not " + allowed + ", " + remaining + ", " + retryAfter);
        }
    }

    static Verdict allow(int remaining) {
        return new Verdict(true, remaining, Duration.ZERO);
    }

    static Verdict refuse(Duration retryAfter) {
        return new Verdict(false, 0, retryAfter);
    }
}
