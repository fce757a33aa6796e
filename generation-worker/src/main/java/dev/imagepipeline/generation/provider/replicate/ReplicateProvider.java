package dev.imagepipeline.generation.provider.replicate;

import java.util.ArrayList;
import java.util.List;

import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.VendorAccess;

/**
 * Generates images on Replicate: each prediction is polled until it ends, and its files are copied out at once, as
 * Replicate deletes them after an hour. A model that makes several images at once gets one prediction per order, any
 * other one prediction per image.
 */
final class ReplicateProvider implements ImageProvider {

    static final String NAME = "replicate";
    private static final String SAFETY_CHECKER = "its safety checker drops the images it flags as NSFW.";

    private final ReplicateClient client;
    private final PredictionWatch watch;
    private final String sdxlVersion;

    ReplicateProvider(VendorAccess access, GenerationWorkerSettings.Replicate settings) {
        this(access, settings, PollingClock.system());
    }

    ReplicateProvider(VendorAccess access, GenerationWorkerSettings.Replicate settings, PollingClock clock) {
        this.client = new ReplicateClient(access, clock);
        this.watch = new PredictionWatch(client, clock, settings);
        this.sdxlVersion = settings.sdxlVersion();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultModel() {
        return ReplicateModel.FLUX_SCHNELL;
    }

    @Override
    public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
        var model = ReplicateModel.resolve(order.model(), sdxlVersion);
        var plan = ModelInputs.plan(model, order);
        var calls = plan.calls();
        var images = new ArrayList<RenderedImage>();
        for (int i = 0; i < calls.size(); i++) {
            int percent = i * 100 / calls.size();
            var call = calls.get(i);
            var prediction = watch.follow(call, note -> progress.progressed(percent, note));
            var files = Outcomes.files(prediction);
            files.stream()
                    .limit(call.images())
                    .map(url -> OutputImages.of(url, client.download(url), call.width(), call.height()))
                    .forEach(images::add);
            progress.progressed((i + 1) * 100 / calls.size(), ended(prediction));
        }
        return new GeneratedBatch(model.id(), order.settings().seed(), images, warnings(plan, images.size()));
    }

    /** Replicate's safety checker drops the images it flags, so fewer images than asked is an answer, not an error. */
    private static List<String> warnings(PredictionPlan plan, int delivered) {
        if (delivered == 0) {
            throw new ProviderException("content_filtered",
                    "Replicate delivered none of the %d images asked for: %s".formatted(plan.images(), SAFETY_CHECKER),
                    false);
        }
        var warnings = new ArrayList<>(plan.warnings());
        if (delivered < plan.images()) {
            warnings.add("Replicate delivered %d of the %d images asked for: %s".formatted(delivered, plan.images(),
                    SAFETY_CHECKER));
        }
        return warnings;
    }

    private static String ended(Prediction prediction) {
        var metrics = prediction.metrics();
        return metrics == null || metrics.predictTime() == null
                ? "prediction %s succeeded".formatted(prediction.id())
                : "prediction %s succeeded in %ss".formatted(prediction.id(), metrics.predictTime());
    }
}
