package dev.imagepipeline.generation.provider.replicate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import dev.imagepipeline.contracts.ModelSettings;
import dev.imagepipeline.generation.provider.GenerationOrder;

/**
 * Shapes an order into the inputs each model reads (see replicate/cog-flux and replicate/cog-sdxl), noting what a
 * model cannot take. Only fields with a value are sent, so a model's own default applies to the rest.
 */
final class ModelInputs {

    private static final int SMALL_SIDE = 512;
    private static final int LARGE_SIDE = 1024;

    private final ReplicateModel model;
    private final GenerationOrder order;
    private final ModelSettings settings;
    private final List<String> warnings = new ArrayList<>();

    private ModelInputs(ReplicateModel model, GenerationOrder order) {
        this.model = model;
        this.order = order;
        this.settings = order.settings();
    }

    static PredictionPlan plan(ReplicateModel model, GenerationOrder order) {
        return new ModelInputs(model, order).plan();
    }

    private PredictionPlan plan() {
        List<PredictionCall> calls = switch (model.kind()) {
            case SDXL -> List.of(batch(sdxl(), settings.width(), settings.height()));
            case FLUX_SCHNELL, FLUX_DEV -> List.of(flux(megapixelSide()));
            case FLUX_PRO -> onePerImage(fluxPro());
            case OTHER -> onePerImage(common());
        };
        return new PredictionPlan(model, calls, settings.numImages(), warnings);
    }

    private Map<String, Object> sdxl() {
        var input = diffusion(500);
        input.put("num_outputs", settings.numImages());
        return input;
    }

    private PredictionCall flux(int side) {
        var input = prompt();
        notSent(!order.negativePrompt().isEmpty(), "negative prompt");
        input.put("aspect_ratio", "1:1");
        input.put("megapixels", side == SMALL_SIDE ? "0.25" : "1");
        input.put("num_outputs", settings.numImages());
        if (model.kind() == ReplicateModel.Kind.FLUX_DEV) {
            steps(input, 50);
            guidance(input, "guidance");
        } else {
            steps(input, 4);
            notSent(settings.guidanceScale() != null, "guidance");
        }
        input.put("output_format", "png");
        return batch(input, side, side);
    }

    private Map<String, Object> fluxPro() {
        var input = prompt();
        notSent(!order.negativePrompt().isEmpty(), "negative prompt");
        notSent(settings.numInferenceSteps() != null, "step count");
        notSent(settings.guidanceScale() != null, "guidance");
        // Width and height count only with the custom ratio.
        input.put("aspect_ratio", "custom");
        size(input);
        input.put("output_format", "png");
        return input;
    }

    private Map<String, Object> common() {
        warnings.add("Model " + model.id() + " is not one this provider knows: it was sent the inputs most image "
                + "models read (prompt, negative_prompt, width, height, num_inference_steps, guidance_scale, seed), "
                + "one prediction per image.");
        return diffusion(Integer.MAX_VALUE);
    }

    /** The inputs SDXL and most other diffusion models read. */
    private Map<String, Object> diffusion(int mostSteps) {
        var input = prompt();
        if (!order.negativePrompt().isEmpty()) {
            input.put("negative_prompt", order.negativePrompt());
        }
        size(input);
        steps(input, mostSteps);
        guidance(input, "guidance_scale");
        return input;
    }

    private PredictionCall batch(Map<String, Object> input, int width, int height) {
        return call(input, settings.seed(), settings.numImages(), width, height);
    }

    private List<PredictionCall> onePerImage(Map<String, Object> input) {
        var seeds = LongStream.range(0, settings.numImages()).map(i -> settings.seed() + i).boxed().toList();
        if (seeds.size() > 1) {
            warnings.add("%s makes one image per prediction: %d predictions were made, with seeds %s.".formatted(
                    model.id(), seeds.size(), seeds.stream().map(String::valueOf).collect(Collectors.joining(", "))));
        }
        return seeds.stream().map(seed -> call(input, seed, 1, settings.width(), settings.height())).toList();
    }

    private PredictionCall call(Map<String, Object> input, long seed, int images, int width, int height) {
        var seeded = new HashMap<>(input);
        seeded.put("seed", seed);
        return new PredictionCall(model.route(), seeded, images, width, height,
                model.kind() == ReplicateModel.Kind.FLUX_SCHNELL);
    }

    /** Schnell and dev draw 1:1 at one megapixel or a quarter of one; prompt-worker already asks for those. */
    private int megapixelSide() {
        int side = Math.max(settings.width(), settings.height()) <= SMALL_SIDE ? SMALL_SIDE : LARGE_SIDE;
        if (settings.width() != side || settings.height() != side) {
            warnings.add("%s draws 512x512 or 1024x1024 only: it drew %dx%d instead of %dx%d.".formatted(model.id(),
                    side, side, settings.width(), settings.height()));
        }
        return side;
    }

    private Map<String, Object> prompt() {
        var input = new HashMap<String, Object>();
        input.put("prompt", order.prompt());
        return input;
    }

    private void size(Map<String, Object> input) {
        input.put("width", settings.width());
        input.put("height", settings.height());
    }

    private void steps(Map<String, Object> input, int most) {
        Integer asked = settings.numInferenceSteps();
        if (asked == null) {
            return;
        }
        int steps = Math.clamp(asked, 1, most);
        if (steps != asked) {
            warnings.add(
                    "%s takes 1 to %d steps: it was sent %d instead of %d.".formatted(model.id(), most, steps, asked));
        }
        input.put("num_inference_steps", steps);
    }

    private void guidance(Map<String, Object> input, String field) {
        if (settings.guidanceScale() != null) {
            input.put(field, settings.guidanceScale());
        }
    }

    private void notSent(boolean present, String setting) {
        if (present) {
            warnings.add("%s takes no %s: it was not sent.".formatted(model.id(), setting));
        }
    }
}
