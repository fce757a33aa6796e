package dev.imagepipeline.web.limit;

/**
 * Decides whether a request may go ahead under its key's rate, and takes its share of the rate when it may. One
 * instance serves a whole process; every implementation is thread-safe.
 */
public interface RateLimiter {

    /**
     * @param key what is counted, such as {@code submit:client:shop-a} or {@code read:ip:10.0.0.7}; keys are
     *        independent of each other
     * @return whether the request may go ahead; a refused request takes nothing, so retrying when told is let through
     */
    Verdict take(String key, Rate rate);
}
