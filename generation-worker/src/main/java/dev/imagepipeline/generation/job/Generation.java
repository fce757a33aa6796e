package dev.imagepipeline.generation.job;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.ProviderResilience;

/**
 * Runs a prepared prompt on its provider, guarded by the provider's resilience, and on the configured fallback
 * providers when it fails for a reason another provider may not have; stores the images.
 */
@Service
public class Generation {

    private static final Logger log = LoggerFactory.getLogger(Generation.class);

    private final Map<String, ImageProvider> providers = new LinkedHashMap<>();
    private final List<String> fallback;
    private final ImageStore store;
    private final Clock clock;

    Generation(List<ImageProvider> providers, ProviderResilience resilience, GenerationWorkerSettings settings,
            ImageStore store, Clock clock) {
        providers.forEach(provider -> this.providers.put(provider.name(), resilience.guard(provider)));
        this.fallback = settings.fallback();
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param events hears every progress event as it happens
     * @return the job's terminal event, succeeded or failed; or submitted, when the provider runs the job on its own
     *         and calls back when it ends
     */
    public JobEvent generate(PromptPrepared prompt, EventSink events) {
        var provider = providers.get(prompt.provider());
        if (provider == null) {
            return failed(prompt, "unknown_provider", "Provider '" + prompt.provider() + "' is not configured; "
                    + "configured: " + providers.keySet().stream().sorted().toList());
        }
        var notes = new ArrayList<String>();
        List<ImageProvider> chain = chain(provider);
        for (int i = 0; i < chain.size(); i++) {
            var candidate = chain.get(i);
            String model = i == 0 && prompt.model() != null ? prompt.model() : candidate.defaultModel();
            try {
                return attempt(prompt, candidate, model, notes, events);
            } catch (ProviderException e) {
                if (!e.retryable() || i == chain.size() - 1) {
                    return failed(prompt, e.reason(),
                            String.join(" ", notes) + (notes.isEmpty() ? "" : " ") + e.getMessage());
                }
                notes.add("%s/%s failed (%s: %s); %s took over with the prompt shaped for %s/%s.".formatted(
                        candidate.name(), model, e.reason(), e.getMessage(), chain.get(i + 1).name(), prompt.provider(),
                        prompt.model()));
            } catch (RuntimeException e) {
                log.error("Generation of job {} failed unexpectedly", prompt.jobId(), e);
                return failed(prompt, "generation_error", "The image could not be generated or stored.");
            }
        }
        throw new IllegalStateException("a provider chain is never empty");
    }

    private JobEvent attempt(PromptPrepared prompt, ImageProvider provider, String model, List<String> notes,
            EventSink events) {
        events.accept(new GenerationProgressed(prompt.jobId(), clock.instant(), 0,
                "generating with " + provider.name() + "/" + model));
        var order = order(prompt, model);
        ProgressListener progress = (percent, message) -> events
                .accept(new GenerationProgressed(prompt.jobId(), clock.instant(), percent, message));
        if (provider.submits(order)) {
            var run = provider.submit(order, progress);
            return new GenerationSubmitted(prompt.jobId(), clock.instant(), provider.name(), run.model(), run.seed(),
                    run.id(), Stream.concat(notes.stream(), run.warnings().stream()).toList());
        }
        var batch = provider.generate(order, progress);
        // Stamped once the images exist: the event's time is when the job ended.
        return Delivery.succeeded(prompt.jobId(), clock.instant(), provider.name(), batch, notes, store);
    }

    /** The job's provider, then the configured providers after it in the fallback order. */
    private List<ImageProvider> chain(ImageProvider provider) {
        int at = fallback.indexOf(provider.name());
        Stream<ImageProvider> rest = at < 0
                ? Stream.empty()
                : fallback.subList(at + 1, fallback.size())
                        .stream()
                        .filter(providers::containsKey)
                        .filter(name -> !name.equals(provider.name()))
                        .map(providers::get);
        return Stream.concat(Stream.of(provider), rest).toList();
    }

    private GenerationFailed failed(PromptPrepared prompt, String reason, String message) {
        return new GenerationFailed(prompt.jobId(), clock.instant(), reason, message);
    }

    private static GenerationOrder order(PromptPrepared prompt, String model) {
        return new GenerationOrder(prompt.jobId(), model, prompt.prompt(), prompt.negativePrompt(), prompt.settings(),
                prompt.description(), prompt.category(), prompt.style());
    }

    /** Where progress goes while a job runs. */
    @FunctionalInterface
    public interface EventSink {

        void accept(JobEvent event);
    }
}
