package dev.imagepipeline.webhook.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.webhook.CallbackPublisher;

/**
 * Relays a verified callback as a {@link ProviderCallback}, once per delivery: a delivery id already relayed within
 * the window (or being relayed at this moment) is not published again.
 */
public final class CallbackRelay {

    /** Far more deliveries than a window of a few minutes sees; past it, the oldest are forgotten first. */
    static final int REMEMBERED_DELIVERIES = 50_000;

    private static final Logger log = LoggerFactory.getLogger(CallbackRelay.class);

    private final CallbackPublisher publisher;
    private final Clock clock;
    private final RecentDeliveries recent;

    /**
     * @param tolerance the signature's timestamp tolerance: a signed delivery can be replayed for up to twice that
     *        (from a timestamp that far in the future to one that far in the past), so its id is remembered as long
     */
    public CallbackRelay(CallbackPublisher publisher, Clock clock, Duration tolerance) {
        this.publisher = publisher;
        this.clock = clock;
        this.recent = new RecentDeliveries(REMEMBERED_DELIVERIES, tolerance.multipliedBy(2), clock);
    }

    /**
     * @return true when the callback was published now, false when the delivery was relayed already
     * @throws dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException when it could not be published; the
     *         delivery is then not counted as relayed, so the sender's retry is
     */
    public boolean relay(String provider, JobId job, String deliveryId, byte[] body) {
        String key = provider + ":" + deliveryId;
        if (!recent.claim(key)) {
            log.info("{} delivered {} for job {} again; it was relayed already", provider, deliveryId, job);
            return false;
        }
        try {
            publisher.publish(new ProviderCallback(job, clock.instant(), provider, deliveryId,
                    new String(body, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            recent.release(key);
            throw e;
        }
        log.info("Relayed {} callback {} for job {}", provider, deliveryId, job);
        return true;
    }
}
