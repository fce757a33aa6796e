package dev.imagepipeline.generation.job;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.GeneratedImage;
import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSucceeded;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.generation.image.ImageStore;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProviderException;

/**
 * Runs one prepared prompt on its provider and stores the images. Whatever the provider does, the outcome is a terminal
 * event: succeeded or failed.
 */
@Service
public class Generation {

    private static final Logger log = LoggerFactory.getLogger(Generation.class);

    private final Map<String, ImageProvider> providers;
    private final ImageStore store;
    private final Clock clock;

    Generation(List<ImageProvider> providers, ImageStore store, Clock clock) {
        this.providers = providers.stream().collect(Collectors.toMap(ImageProvider::name, Function.identity()));
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param events hears every progress event as it happens
     * @return the job's terminal event: succeeded or failed
     */
    public JobEvent generate(PromptPrepared prompt, EventSink events) {
        var provider = providers.get(prompt.provider());
        if (provider == null) {
            return failed(prompt, "unknown_provider", "Provider '" + prompt.provider() + "' is not configured; "
                    + "configured: " + providers.keySet().stream().sorted().toList());
        }
        String model = prompt.model() != null ? prompt.model() : provider.defaultModel();
        events.accept(new GenerationProgressed(prompt.jobId(), clock.instant(), 0,
                "generating with " + provider.name() + "/" + model));
        try {
            var batch = provider.generate(order(prompt, model), (percent, message) -> events
                    .accept(new GenerationProgressed(prompt.jobId(), clock.instant(), percent, message)));
            return succeeded(prompt, provider, batch);
        } catch (ProviderException e) {
            return failed(prompt, e.reason(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Generation of job {} failed unexpectedly", prompt.jobId(), e);
            return failed(prompt, "generation_error", "The image could not be generated or stored.");
        }
    }

    private GenerationSucceeded succeeded(PromptPrepared prompt, ImageProvider provider, GeneratedBatch batch) {
        List<GeneratedImage> images = batch.images().stream().map(store::store).toList();
        return new GenerationSucceeded(prompt.jobId(), clock.instant(), provider.name(), batch.model(), batch.seed(),
                images, batch.warnings());
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
