package dev.imagepipeline.generation.messaging;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * Ends a submitted job in the job's own trace. A run's callback comes in a trace of its own (the provider's webhook),
 * and a poll in none; the job's trace context is the one its submission's record carried on the completion topic
 * (see {@link dev.imagepipeline.generation.job.SubmittedRuns#trace}), continued here as a listener continues a
 * record's, so the terminal event joins the trace that began with the job's {@code POST}.
 */
@Component
class JobTrace {

    /** The W3C trace context header, as the pipeline's records carry it. */
    static final String HEADER = "traceparent";

    private final ObservationRegistry observations;

    JobTrace(ObjectProvider<ObservationRegistry> observations) {
        this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
    }

    /** Runs the work in the job's trace, or as it is when the trace is not known. */
    void within(Optional<String> traceparent, String name, Runnable work) {
        if (traceparent.isEmpty()) {
            work.run();
            return;
        }
        var context = new ReceiverContext<String>((carrier, key) -> HEADER.equals(key) ? carrier : null);
        context.setCarrier(traceparent.get());
        Observation.createNotStarted(name, () -> context, observations).observe(work);
    }
}
