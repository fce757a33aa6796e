package dev.imagepipeline.generation.provider.stability;

import java.util.ArrayList;
import java.util.List;

import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;

/**
 * Stability AI, one request per image: image {@code i} asks for seed + i, so a batch can be made again image by
 * image.
 */
final class StabilityProvider implements ImageProvider {

    static final String NAME = "stability";

    /** v2beta takes seeds up to 4294967294; a larger one wraps round rather than be refused. */
    private static final long SEEDS = 4_294_967_295L;

    private final StabilityClient client;
    private final SynchronousRuns synchronousRuns;

    /** @param synchronousRuns hears of every job generated here, so a relay's result for it is not taken too */
    StabilityProvider(StabilityClient client, SynchronousRuns synchronousRuns) {
        this.client = client;
        this.synchronousRuns = synchronousRuns;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultModel() {
        return StabilityModel.CORE.id();
    }

    @Override
    public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
        synchronousRuns.started(order.jobId());
        var model = StabilityModel.of(order.model());
        var settings = order.settings();
        check(settings);
        var images = new ArrayList<RenderedImage>();
        var seeds = new ArrayList<Long>();
        for (int i = 0; i < settings.numImages(); i++) {
            var made = client.generate(model, order, Math.floorMod(settings.seed() + i, SEEDS));
            // Stability chooses its own size for an aspect ratio; PNG was asked for.
            images.add(RenderedImage.decode(made.bytes())
                    .orElseGet(
                            () -> new RenderedImage(made.bytes(), "image/png", settings.width(), settings.height())));
            seeds.add(made.seed());
            progress.progressed((i + 1) * 100 / settings.numImages(),
                    "Stability AI made image %d of %d".formatted(i + 1, settings.numImages()));
        }
        return new GeneratedBatch(model.id(), seeds.getFirst(), images, StabilityWarnings.of(model, settings, seeds),
                List.of(), StabilityClient.sent(model, order, Math.floorMod(settings.seed(), SEEDS)));
    }

    private static void check(ModelSettings settings) {
        if (settings.numImages() < 1) {
            throw new ProviderException("invalid_request",
                    "asked Stability AI for %d images; at least one is needed".formatted(settings.numImages()), false);
        }
    }
}
