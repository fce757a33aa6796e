package dev.imagepipeline.generation.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.imagepipeline.contracts.GenerationFailed;
import dev.imagepipeline.contracts.GenerationProgressed;
import dev.imagepipeline.contracts.GenerationSubmitted;
import dev.imagepipeline.contracts.ImageRecord;
import dev.imagepipeline.contracts.JobEvent;
import dev.imagepipeline.contracts.PromptPrepared;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.ProviderResilience;

/**
 * Runs a prepared prompt on its provider, guarded by the provider's resilience, and on the configured fallback
 * providers when it fails for a reason another provider may not have; stores the images. A job that every provider of
 * its chain refuses for an open circuit waits, within {@code outage-wait}, for one of them to recover, then tries its
 * chain again from the start.
 */
@Service
public class Generation {

    private static final Logger log = LoggerFactory.getLogger(Generation.class);

    private final Map<String, ImageProvider> providers = new LinkedHashMap<>();
    private final List<String> fallback;
    private final Delivery delivery;
    private final Clock clock;
    private final ProviderResilience resilience;
    private final Duration outageWait;

    Generation(List<ImageProvider> providers, ProviderResilience resilience, GenerationWorkerSettings settings,
            Delivery delivery, Clock clock) {
        providers.forEach(provider -> this.providers.put(provider.name(), resilience.guard(provider)));
        this.fallback = settings.fallback();
        this.delivery = delivery;
        this.clock = clock;
        this.resilience = resilience;
        this.outageWait = settings.resilience().outageWait();
    }

    /**
     * @param events hears every progress event as it happens
     * @return the job's terminal event, succeeded or failed; or submitted, when the provider runs the job on its own
     *         and calls back when it ends
     * @throws WaitInterrupted when the job's thread was interrupted, or the worker stopped, while the job waited for a
     *         provider to recover: the job has no outcome
     */
    public JobEvent generate(PromptPrepared prompt, EventSink events) {
        var provider = providers.get(prompt.provider());
        if (provider == null) {
            return failed(prompt, "unknown_provider", "Provider '" + prompt.provider() + "' is not configured; "
                    + "configured: " + providers.keySet().stream().sorted().toList());
        }
        var run = new Run(prompt, chain(provider), events, clock.instant());
        Outage outage = null;
        while (true) {
            try {
                return run.onChain();
            } catch (Refused refused) {
                if (outageWait.isZero()) {
                    return failed(prompt, "provider_unavailable", refused.getMessage());
                }
                if (outage == null) {
                    outage = new Outage(outageWait);
                    events.accept(new GenerationProgressed(prompt.jobId(), clock.instant(), 0,
                            outage.waiting(refused.refusals)));
                }
                if (!recovered(refused.refusals, outage)) {
                    return failed(prompt, "provider_unavailable", outage.waited(refused.refusals));
                }
            }
        }
    }

    /** Ends every wait for a provider to recover, now and from now on, each with {@link WaitInterrupted}. */
    public void endOutageWaits() {
        resilience.endRecoveryWaits();
    }

    /** Waits for a provider that refused to be callable again; false when the outage outlasted the job's wait. */
    private boolean recovered(List<ProviderResilience.Unavailable> refusals, Outage outage) {
        try {
            return resilience.awaitRecovery(refusals, outage.deadline());
        } catch (InterruptedException e) {
            // Not interrupted again: the exception stands for the interrupt, and the waits' end interrupts no thread.
            throw new WaitInterrupted();
        }
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
                prompt.description(), prompt.category(), prompt.style(), prompt.marketplace());
    }

    /**
     * The record the job's images will carry, before they exist: what was asked, and what the provider was sent.
     *
     * @param warnings the prompt engine's, then those of the way to the provider
     */
    static ImageRecord recipe(PromptPrepared prompt, String provider, String model, Map<String, Object> providerInput,
            List<String> warnings) {
        return new ImageRecord(prompt.description(), prompt.category(), prompt.style(), prompt.marketplace(),
                prompt.autofix(), provider, model, prompt.prompt(), prompt.negativePrompt(), prompt.settings(),
                providerInput, 0, warnings, null, null, null);
    }

    /** One job's way along its chain of providers, tried again after each outage it waits out. */
    private final class Run {

        private final PromptPrepared prompt;
        private final List<ImageProvider> chain;
        private final EventSink events;
        /** When the worker took the job: its images' generation time counts from here. */
        private final Instant startedAt;
        /** The providers the job was announced to; a try after an outage is not announced again. */
        private final Set<String> announced = new HashSet<>();

        Run(PromptPrepared prompt, List<ImageProvider> chain, EventSink events, Instant startedAt) {
            this.prompt = prompt;
            this.chain = chain;
            this.events = events;
            this.startedAt = startedAt;
        }

        /**
         * Runs the job on each provider of its chain in turn, until one delivers or fails for a reason the next may
         * not have.
         *
         * @throws Refused when every provider of the chain refused for its open circuit
         */
        JobEvent onChain() {
            var notes = new ArrayList<String>();
            var refusals = new ArrayList<ProviderResilience.Unavailable>();
            for (int i = 0; i < chain.size(); i++) {
                var candidate = chain.get(i);
                String model = i == 0 && prompt.model() != null ? prompt.model() : candidate.defaultModel();
                try {
                    return attempt(candidate, model, notes);
                } catch (ProviderException e) {
                    if (e instanceof ProviderResilience.Unavailable refused) {
                        refusals.add(refused);
                    }
                    if (!e.retryable() || i == chain.size() - 1) {
                        String message = String.join(" ", notes) + (notes.isEmpty() ? "" : " ") + e.getMessage();
                        if (refusals.size() == chain.size()) {
                            throw new Refused(refusals, message);
                        }
                        return failed(prompt, e.reason(), message);
                    }
                    notes.add("%s/%s failed (%s: %s); %s took over with the prompt shaped for %s/%s.".formatted(
                            candidate.name(), model, e.reason(), e.getMessage(), chain.get(i + 1).name(),
                            prompt.provider(), prompt.model()));
                } catch (RuntimeException e) {
                    log.error("Generation of job {} failed unexpectedly", prompt.jobId(), e);
                    return failed(prompt, "generation_error", "The image could not be generated or stored.");
                }
            }
            throw new IllegalStateException("a provider chain is never empty");
        }

        private JobEvent attempt(ImageProvider provider, String model, List<String> notes) {
            String generating = "generating with " + provider.name() + "/" + model;
            if (announced.add(generating)) {
                events.accept(new GenerationProgressed(prompt.jobId(), clock.instant(), 0, generating));
            }
            var order = order(prompt, model);
            ProgressListener progress = (percent, message) -> events
                    .accept(new GenerationProgressed(prompt.jobId(), clock.instant(), percent, message));
            if (provider.submits(order)) {
                var submitted = provider.submit(order, progress);
                var warnings = Stream.concat(notes.stream(), submitted.warnings().stream()).toList();
                var recipe = recipe(prompt, provider.name(), submitted.model(), submitted.providerInput(),
                        Stream.concat(prompt.warnings().stream(), warnings.stream()).toList());
                return new GenerationSubmitted(prompt.jobId(), clock.instant(), provider.name(), submitted.model(),
                        submitted.seed(), submitted.id(), warnings, recipe);
            }
            var batch = provider.generate(order, progress);
            return delivery.succeeded(prompt.jobId(), provider.name(), batch, notes,
                    recipe(prompt, provider.name(), model, Map.of(), prompt.warnings()), startedAt);
        }
    }

    /** Every provider of the job's chain refused for its open circuit. */
    private static final class Refused extends RuntimeException {

        private final List<ProviderResilience.Unavailable> refusals;

        Refused(List<ProviderResilience.Unavailable> refusals, String message) {
            super(message, null, false, false);
            this.refusals = refusals;
        }
    }

    /**
     * The job's thread was interrupted, or the worker stopped, while the job waited for a provider to recover: it has
     * no outcome. A canceled job was ended by its cancellation; a job of a stopping worker is the next one's to run.
     */
    public static final class WaitInterrupted extends RuntimeException {

        WaitInterrupted() {
            super("The job stopped waiting for its provider to recover", null, false, false);
        }
    }

    /** Where progress goes while a job runs. */
    @FunctionalInterface
    public interface EventSink {

        void accept(JobEvent event);
    }
}
