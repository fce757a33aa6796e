package dev.imagepipeline.generation.provider.huggingface;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.generation.provider.GeneratedBatch;
import dev.imagepipeline.generation.provider.GenerationOrder;
import dev.imagepipeline.generation.provider.ImageProvider;
import dev.imagepipeline.generation.provider.ProgressListener;
import dev.imagepipeline.generation.provider.ProviderException;
import dev.imagepipeline.generation.provider.RenderedImage;
import dev.imagepipeline.generation.provider.RetryAfter;
import dev.imagepipeline.generation.provider.VendorAccess;
import dev.imagepipeline.generation.provider.relay.SynchronousRuns;

/**
 * Hugging Face's hf-inference text-to-image API: {@code POST {base}/models/{model}}, answered with one image's bytes.
 * Image {@code i} of an order is its own request with seed + i. A cold model's 503 is waited out within the order's
 * loading budget; every other failure ends the order, and the caller decides on retries.
 */
final class HuggingFaceProvider implements ImageProvider {

    static final String NAME = "huggingface";
    static final String DEFAULT_MODEL = "stabilityai/stable-diffusion-xl-base-1.0";

    /** A repository id, {@code name} or {@code owner/name}; nothing that could leave the models path. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][\\w.-]*(/[A-Za-z0-9][\\w.-]*)?");

    private final InferenceClient client;
    private final VendorAccess access;
    private final Duration maxLoadingWait;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SynchronousRuns synchronousRuns;

    HuggingFaceProvider(VendorAccess access, Duration maxLoadingWait, Clock clock, SynchronousRuns synchronousRuns) {
        this(access, maxLoadingWait, clock, Sleeper.THREAD, synchronousRuns);
    }

    /** @param synchronousRuns hears of every job generated here, so a relay's result for it is not taken too */
    HuggingFaceProvider(VendorAccess access, Duration maxLoadingWait, Clock clock, Sleeper sleeper,
            SynchronousRuns synchronousRuns) {
        this.client = new InferenceClient(access);
        this.access = access;
        this.maxLoadingWait = maxLoadingWait;
        this.clock = clock;
        this.sleeper = sleeper;
        this.synchronousRuns = synchronousRuns;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String defaultModel() {
        return DEFAULT_MODEL;
    }

    @Override
    public GeneratedBatch generate(GenerationOrder order, ProgressListener progress) {
        synchronousRuns.started(order.jobId());
        try {
            return generateImages(order, progress);
        } catch (ProviderException e) {
            throw redacted(e);
        }
    }

    private GeneratedBatch generateImages(GenerationOrder order, ProgressListener progress) {
        String model = checked(order.model());
        var settings = order.settings();
        if (settings.numImages() < 1) {
            throw new ProviderException("invalid_settings", "an order needs at least one image", false);
        }
        Set<String> warnings = new LinkedHashSet<>();
        var negativePrompt = negativePrompt(model, order.negativePrompt(), warnings);
        var loading = new ModelLoading(maxLoadingWait, clock, sleeper);
        var images = new ArrayList<RenderedImage>();
        Map<String, Object> sent = Map.of();
        for (int i = 0; i < settings.numImages(); i++) {
            var request = request(order.prompt(), negativePrompt, settings, settings.seed() + i);
            if (i == 0) {
                sent = sent(request.parameters());
            }
            var image = render(model, request, loading, progress, i * 100 / settings.numImages());
            if (image.width() != settings.width() || image.height() != settings.height()) {
                warnings.add("%s returned %dx%d images for the %dx%d asked for".formatted(model, image.width(),
                        image.height(), settings.width(), settings.height()));
            }
            images.add(image);
            progress.progressed((i + 1) * 100 / settings.numImages(),
                    "Hugging Face generated image %d of %d".formatted(i + 1, settings.numImages()));
        }
        return new GeneratedBatch(model, settings.seed(), images, List.copyOf(warnings), List.of(), sent);
    }

    private RenderedImage render(String model, TextToImageRequest request, ModelLoading loading,
            ProgressListener progress, int percent) {
        while (true) {
            var answer = client.post(model, request);
            if (answer.ok()) {
                return ImageBytes.read(model, answer, request.parameters().width(), request.parameters().height());
            }
            var estimated = HuggingFaceErrors.loadingTime(answer)
                    .orElseThrow(() -> HuggingFaceErrors.failure(model, answer, clock.instant()));
            progress.progressed(percent,
                    "Hugging Face is loading %s, about %d s".formatted(model, estimated.toSeconds()));
            loading.await(model, estimated, RetryAfter.parse(answer.retryAfter(), clock.instant()));
        }
    }

    /** An error body that quotes the request could carry the token into a job's failure. */
    private ProviderException redacted(ProviderException e) {
        String message = String.valueOf(e.getMessage());
        String redacted = access.redacted(message);
        return redacted.equals(message)
                ? e
                : new ProviderException(e.reason(), redacted, e.retryable(), e.retryAfter());
    }

    private static TextToImageRequest request(String prompt, String negativePrompt, ModelSettings settings, long seed) {
        return new TextToImageRequest(prompt,
                new TextToImageRequest.Parameters(negativePrompt.isEmpty() ? null : negativePrompt,
                        settings.guidanceScale(), settings.numInferenceSteps(), settings.width(), settings.height(),
                        seed));
    }

    /** The request's parameters besides the negative prompt, named as Hugging Face names them. */
    private static Map<String, Object> sent(TextToImageRequest.Parameters parameters) {
        var sent = new LinkedHashMap<String, Object>();
        if (parameters.guidanceScale() != null) {
            sent.put("guidance_scale", parameters.guidanceScale());
        }
        if (parameters.numInferenceSteps() != null) {
            sent.put("num_inference_steps", parameters.numInferenceSteps());
        }
        sent.put("width", parameters.width());
        sent.put("height", parameters.height());
        sent.put("seed", parameters.seed());
        return sent;
    }

    /** Flux reads no negative prompt and may reject one. */
    private static String negativePrompt(String model, String negativePrompt, Set<String> warnings) {
        if (negativePrompt.isBlank()) {
            return "";
        }
        if (model.toLowerCase(Locale.ROOT).contains("flux")) {
            warnings.add(model + " takes no negative prompt; it was left out");
            return "";
        }
        return negativePrompt;
    }

    private static String checked(String model) {
        if (!MODEL_ID.matcher(model).matches()) {
            throw new ProviderException("invalid_request",
                    "'%s' is not a Hugging Face model id such as %s".formatted(model, DEFAULT_MODEL), false);
        }
        return model;
    }
}
