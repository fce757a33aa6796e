package dev.imagepipeline.webhook.replicate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.contracts.Topics;
import dev.imagepipeline.kafka.PipelinePublisher.PublishFailedException;
import dev.imagepipeline.webhook.CallbackPublisher;

/** Stands in for the broker in slice tests: keeps what was published, and fails on request as an unreachable one. */
public class RecordingCallbackPublisher implements CallbackPublisher {

    private final List<ProviderCallback> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresToCome = new AtomicInteger();

    @Override
    public void publish(ProviderCallback callback) {
        if (failuresToCome.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new PublishFailedException(Topics.PROVIDER_CALLBACKS, new TimeoutException("no broker in this test"));
        }
        published.add(callback);
    }

    /** Every callback published so far, in order. */
    public List<ProviderCallback> published() {
        return List.copyOf(published);
    }

    /** The next publish fails as if the broker had not acknowledged it. */
    public void failNext() {
        failuresToCome.incrementAndGet();
    }

    public void reset() {
        published.clear();
        failuresToCome.set(0);
    }
}
