package dev.imagepipeline.notifier;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything result-notifier can be told.
 *
 * @param maxJobs how many jobs the view holds; the least recently updated leave first
 * @param jobRetention how long after its last event a job stays in the view
 * @param unknownJobGrace how long a request for a job the view has not seen yet waits for its first event, since
 *        the 202 of a submission can reach the client before the job's first event reaches this instance
 * @param streamTimeout how long one SSE stream may stay open
 * @param heartbeat how long an SSE stream may stay silent before a comment line keeps proxies from closing it
 */
@ConfigurationProperties("pipeline.result-notifier")
public record ResultNotifierSettings(@DefaultValue("10000") int maxJobs, @DefaultValue("6h") Duration jobRetention,
        @DefaultValue("3s") Duration unknownJobGrace, @DefaultValue("30m") Duration streamTimeout,
        @DefaultValue("15s") Duration heartbeat) {
}
