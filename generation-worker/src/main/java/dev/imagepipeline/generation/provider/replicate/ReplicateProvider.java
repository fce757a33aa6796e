package dev.imagepipeline.generation.provider.replicate;

import java.time.Duration;
import java.util.ArrayList;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.ProviderRun;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.SubmittedRun;
import dev.imagepipeline.generation.provider.VendorAccess;

/**
 * Generates images on Replicate. Where Replicate can call back, an order that takes one prediction is submitted with a
 * webhook and its outcome arrives through {@link ReplicateCallbacks}; otherwise each prediction is polled until it
 * ends, and its files are copied out at once, as Replicate deletes them after an hour. A model that makes several
 * images at once gets one prediction per order, any other one prediction per image.
 */
final class ReplicateProvider implements ImageProvider {

    static final String NAME = "replicate";

    private final ReplicateClient client;
    private final PredictionWatch watch;
    private final String sdxlVersion;
    private final @Nullable Webhooks webhooks;
    private final Duration maxWait;

    /** @param webhooks where Replicate calls back; absent to poll every prediction */
    ReplicateProvider(VendorAccess access, GenerationWorkerSettings.Replicate settings, @Nullable Webhooks webhooks) {
        this(access, settings, webhooks, PollingClock.system());
    }

    ReplicateProvider(VendorAccess access, GenerationWorkerSettings.Replicate settings, @Nullable Webhooks webhooks,
            PollingClock clock) {
        this.client = new ReplicateClient(access, clock);
        this.watch = new PredictionWatch(client, clock, settings);
        this.sdxlVersion = settings.sdxlVersion();
        this.webhooks = webhooks;
        this.maxWait = settings.maxWait();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultModel() {
        return ReplicateModel.FLUX_SCHNELL;
    }

    /**
     * An order that takes one prediction is submitted when Replicate can call back. An order of several predictions is
     * polled instead: their callbacks would arrive one by one, and gathering them would need state this pipeline does
     * not keep.
     */
    @Override
    public boolean submits(GenerationOrder order) {
        return webhooks != null && plan(order).calls().size() == 1;
    }

    @Override
    public SubmittedRun submit(GenerationOrder order, ProgressListener progress) {
        if (!submits(order)) {
            throw new UnsupportedOperationException("this order is polled: " + order.jobId());
        }
        var plan = plan(order);
        var call = plan.calls().getFirst();
        // Its deadline is max-wait from now, kept by whichever worker watches the run; Replicate's own comes later.
        var prediction = client.create(call.route(), call.input(), null, maxWait.plus(PredictionWatch.CANCEL_MARGIN),
                webhooks.forJob(order.jobId()));
        progress.progressed(0, "prediction %s submitted; Replicate calls back when it ends".formatted(prediction.id()));
        return new SubmittedRun(plan.model().id(), order.settings().seed(), prediction.id(), plan.warnings(),
                plan.providerInput());
    }

    @Override
    public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
        var plan = plan(order);
        var calls = plan.calls();
        var images = new ArrayList<RenderedImage>();
        var runs = new ArrayList<ProviderRun>();
        for (int i = 0; i < calls.size(); i++) {
            int percent = i * 100 / calls.size();
            var call = calls.get(i);
            var prediction = watch.follow(call, note -> progress.progressed(percent, note));
            var files = Outcomes.files(prediction);
            files.stream()
                    .limit(call.images())
                    .map(url -> OutputImages.of(url, client.download(url), call.width(), call.height()))
                    .forEach(images::add);
            runs.add(Outcomes.run(prediction));
            progress.progressed((i + 1) * 100 / calls.size(), ended(prediction));
        }
        var warnings = Outcomes.warnings(plan.warnings(), plan.images(), images.size());
        return new GeneratedBatch(plan.model().id(), order.settings().seed(), images, warnings, runs,
                plan.providerInput());
    }

    private PredictionPlan plan(GenerationOrder order) {
        return ModelInputs.plan(ReplicateModel.resolve(order.model(), sdxlVersion), order);
    }

    private static String ended(Prediction prediction) {
        var metrics = prediction.metrics();
        return metrics == null || metrics.predictTime() == null
                ? "prediction %s succeeded".formatted(prediction.id())
                : "prediction %s succeeded in %ss".formatted(prediction.id(), metrics.predictTime());
    }
}
