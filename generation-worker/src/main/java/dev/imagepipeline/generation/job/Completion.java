package dev.imagepipeline.generation.job;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.JobId;
import dev.imagepipeline.contracts.ProviderCallback;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.job.Generation.EventSink;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RunCallbacks;
import dev.imagepipeline.generation.provider.RunCallbacks.Report;

/**
 * Finishes the jobs that were submitted to a provider: reads each relayed callback with its provider's
 * {@link RunCallbacks}, stores the images of a run that ended well, and tells the job. There is no fallback here: the
 * job's prompt is not at hand, and the run was the provider's to finish.
 */
@Service
public class Completion {

    /** Jobs remembered as finished, for the duplicate callbacks a provider's retries or a restart can bring. */
    private static final int REMEMBERED = 10_000;
    private static final Logger log = LoggerFactory.getLogger(Completion.class);

    private final Map<String, RunCallbacks> callbacks;
    private final ImageStore store;
    private final Clock clock;
    private final Set<JobId> finished = Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<>() {

        @Override
        protected boolean removeEldestEntry(Map.Entry<JobId, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    }));

    Completion(List<RunCallbacks> callbacks, ImageStore store, Clock clock) {
        this.callbacks = callbacks.stream().collect(Collectors.toMap(RunCallbacks::provider, Function.identity()));
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param events hears progress as it happens
     * @return the job's terminal event, or empty when the callback only told of progress or changes nothing
     * @throws IllegalArgumentException for a callback whose body is not its provider's
     */
    public Optional<JobEvent> complete(ProviderCallback callback, EventSink events) {
        JobId job = callback.jobId();
        var reader = callbacks.get(callback.provider());
        if (reader == null) {
            return Optional.of(failed(job, "unknown_provider", "A callback from '" + callback.provider()
                    + "' arrived, but this worker has no such provider configured: " + callbacks.keySet()));
        }
        if (finished.contains(job)) {
            log.info("Ignored callback {} for job {}: the job is already finished", callback.deliveryId(), job);
            return Optional.empty();
        }
        try {
            return switch (reader.read(callback)) {
                case Report.Progress(int percent, String message) -> {
                    events.accept(new GenerationProgressed(job, clock.instant(), percent, message));
                    yield Optional.empty();
                }
                case Report.Nothing(String why) -> {
                    log.warn("Ignored callback {} for job {}: {}", callback.deliveryId(), job, why);
                    yield Optional.empty();
                }
                case Report.Finished(var batch) ->
                    finish(job, Delivery.succeeded(job, clock.instant(), callback.provider(), batch, List.of(), store));
            };
        } catch (ProviderException e) {
            return finish(job, failed(job, e.reason(), e.getMessage()));
        }
    }

    private Optional<JobEvent> finish(JobId job, JobEvent terminal) {
        finished.add(job);
        return Optional.of(terminal);
    }

    private GenerationFailed failed(JobId job, String reason, String message) {
        return new GenerationFailed(job, clock.instant(), reason, message);
    }
}
