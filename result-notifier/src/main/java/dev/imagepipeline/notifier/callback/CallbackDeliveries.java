package dev.imagepipeline.notifier.callback;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.web.callback.CallbackUrlPolicy;
import dev.imagepipeline.web.callback.RefusedCallbackException;

/**
 * Turns events of the completion topic into callbacks. The listener hands over every record of the partitions it is
 * assigned; this decides which go to a callback URL and queues them, so the consumer never waits for a receiver.
 */
public class CallbackDeliveries implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallbackDeliveries.class);

    private final @Nullable CallbackDispatcher dispatcher;
    private final CallbackTargets targets;
    private final CallbackUrlPolicy policy;
    private final boolean everyEvent;
    private final Duration retryFor;
    private final Clock clock;

    /**
     * @param dispatcher none when no signing secret is configured: then nothing is delivered, and the listener does not
     *        run
     */
    CallbackDeliveries(@Nullable CallbackDispatcher dispatcher, CallbackTargets targets, CallbackUrlPolicy policy,
            boolean everyEvent, Duration retryFor, Clock clock) {
        this.dispatcher = dispatcher;
        this.targets = targets;
        this.policy = policy;
        this.everyEvent = everyEvent;
        this.retryFor = retryFor;
        this.clock = clock;
    }

    /** Whether callbacks are sent at all: only with a signing secret, since an unsigned callback cannot be trusted. */
    public boolean enabled() {
        return dispatcher != null;
    }

    /** An event this consumer group has handled before: it teaches a job's callback URL, and is not delivered again. */
    public void replayed(JobEvent event) {
        targets.observe(event, everyEvent);
    }

    /** An event not handled before: it teaches a job's callback URL, and goes out when the job asked for it. */
    public void published(JobEvent event, PublishedEvent record) {
        var destination = targets.observe(event, everyEvent);
        if (destination.isEmpty() || dispatcher == null) {
            return;
        }
        var deadline = record.publishedAt().plus(retryFor);
        if (!clock.instant().isBefore(deadline)) {
            log.info("Callback for job {} not sent: its event was published more than {} ago", event.jobId(), retryFor);
            return;
        }
        URI target;
        try {
            target = policy.check(destination.get().url());
        } catch (RefusedCallbackException e) {
            log.warn("Callback for job {} not sent: its callbackUrl {}", event.jobId(), e.getMessage());
            return;
        }
        var delivery = new Delivery(record.webhookId(event.jobId()), event.jobId(), destination.get().client(), target,
                record.json(), deadline, 1);
        if (!dispatcher.dispatch(delivery)) {
            log.warn("Callback {} dropped: {} deliveries are pending already", delivery, dispatcher.pending());
        }
    }

    /** Deliveries queued, in flight or waiting for a retry on this instance. */
    public int pending() {
        return dispatcher == null ? 0 : dispatcher.pending();
    }

    @Override
    public void close() throws Exception {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }
}
