package dev.imagepipeline.generation.provider.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.generation.GenerationWorkerSettings;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;

/**
 * Draws labelled preview images offline, shaped by the order's style and category, so the pipeline runs end to end
 * without a model or an API key. The same order always gives the same bytes: image {@code i} uses seed + i.
 */
@Component
public class LocalPreviewProvider implements ImageProvider {

    private static final String NAME = "local";
    private static final String MODEL = "preview";
    private static final String PNG = "image/png";
    private static final int LARGEST_SIDE = 4096;

    static {
        // Boot sets this for its applications; a plain test or another host must not look for a display either.
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    }

    private final Duration delay;

    /** A renderer that draws at once. */
    public LocalPreviewProvider() {
        this(Duration.ZERO);
    }

    @Autowired
    LocalPreviewProvider(GenerationWorkerSettings settings) {
        this(settings.local().delay());
    }

    LocalPreviewProvider(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("pipeline.generation-worker.local.delay must not be negative");
        }
        this.delay = delay;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Drawn in this JVM: no account, no quota. */
    @Override
    public boolean metered() {
        return false;
    }

    @Override
    public String defaultModel() {
        return MODEL;
    }

    @Override
    public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
        var settings = order.settings();
        check(settings);
        var painter = new PreviewPainter(order.style(), order.category(), order.description(), order.marketplace());
        var images = new ArrayList<RenderedImage>();
        for (int i = 0; i < settings.numImages(); i++) {
            // Drawing does not notice an interrupt by itself: a canceled job stops before its next image.
            if (Thread.currentThread().isInterrupted()) {
                throw new ProviderException("interrupted",
                        "Rendering stopped after %d of %d images: the worker was interrupted.".formatted(i,
                                settings.numImages()),
                        false);
            }
            takeTime(i, settings.numImages());
            var picture = painter.paint(settings.width(), settings.height(), settings.seed() + i);
            images.add(new RenderedImage(png(picture), PNG, settings.width(), settings.height()));
            progress.progressed((i + 1) * 100 / settings.numImages(),
                    "rendered image %d of %d".formatted(i + 1, settings.numImages()));
        }
        return new GeneratedBatch(MODEL, settings.seed(), images, warnings(order), List.of(), sent(order));
    }

    /** The settings the renderer drew with, and the marketplace it laid the images out for. */
    private static Map<String, Object> sent(GenerationOrder order) {
        var settings = order.settings();
        var sent = new LinkedHashMap<String, Object>();
        sent.put("width", settings.width());
        sent.put("height", settings.height());
        sent.put("seed", settings.seed());
        sent.put("images", settings.numImages());
        if (order.marketplace() != null) {
            sent.put("marketplace", order.marketplace().wireName());
        }
        return sent;
    }

    /** Waits out the configured delay; an interrupt, as a cancel sends, ends the job as an interrupt before it does. */
    private void takeTime(int done, int images) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("interrupted",
                    "Rendering stopped after %d of %d images: the worker was interrupted.".formatted(done, images),
                    false);
        }
    }

    private static void check(ModelSettings settings) {
        if (settings.numImages() < 1 || outOfRange(settings.width()) || outOfRange(settings.height())) {
            throw new ProviderException("invalid_settings",
                    "cannot draw %d images of %dx%d: at least one image, sides of 1 to %d pixels"
                            .formatted(settings.numImages(), settings.width(), settings.height(), LARGEST_SIDE),
                    false);
        }
    }

    private static boolean outOfRange(int side) {
        return side < 1 || side > LARGEST_SIDE;
    }

    private static List<String> warnings(GenerationOrder order) {
        if (order.model().equals(MODEL)) {
            return List.of();
        }
        return List.of("model %s is not available locally; drew a %s image instead".formatted(order.model(), MODEL));
    }

    private static byte[] png(BufferedImage picture) {
        var bytes = new ByteArrayOutputStream();
        var writer = ImageIO.getImageWritersByFormatName("png").next();
        // An in-memory stream: ImageIO's default would cache through a temporary file.
        try (var stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            writer.write(picture);
        } catch (IOException e) {
            throw new ProviderException("provider_error", "could not encode the preview as PNG", false);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
