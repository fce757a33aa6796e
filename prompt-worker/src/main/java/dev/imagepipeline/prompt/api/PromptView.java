package dev.imagepipeline.prompt.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.imagepipeline.prompt.engine.ModelTarget;
import dev.imagepipeline.prompt.engine.PreparedPrompt;
import dev.imagepipeline.prompt.engine.PreparedPrompt.Length;
import io.swagger.v3.oas.annotations.media.Schema;

/** The response bodies of the prompt endpoints. */
final class PromptView {

    private PromptView() {
    }

    /**
     * {@code POST /api/prompt/generate}: the original specification's three fields, then the model the prompt was
     * shaped for, its lengths and warnings.
     */
    record Generated(String optimizedPrompt, String negativePrompt, Suggested suggestedSettings, Model model,
            Lengths tokens, List<String> warnings) {

        static Generated of(PreparedPrompt prepared) {
            return new Generated(prepared.prompt(), prepared.negativePrompt(),
                    new Suggested(prepared.settings().guidanceScale(), prepared.settings().numInferenceSteps()),
                    Model.of(prepared.target()), Lengths.of(prepared), prepared.warnings());
        }
    }

    /** The settings, named as the original specification names them; absent where the model takes none. */
    record Suggested(@JsonProperty("guidance_scale") @Nullable Double guidanceScale,
            @JsonProperty("num_inference_steps") @Nullable Integer numInferenceSteps) {
    }

    /** {@code POST /api/prompt/preview}: one entry a model. */
    record Previews(List<Preview> previews) {
    }

    /** Exactly what one model receives. */
    record Preview(Model model, String prompt, String negativePrompt, Settings settings, Lengths tokens,
            List<String> warnings) {

        static Preview of(PreparedPrompt prepared) {
            return new Preview(Model.of(prepared.target()), prepared.prompt(), prepared.negativePrompt(),
                    new Settings(prepared.width(), prepared.height(), prepared.settings().guidanceScale(),
                            prepared.settings().numInferenceSteps()),
                    Lengths.of(prepared), prepared.warnings());
        }
    }

    /** The settings one model receives; guidance and steps are absent where the model takes none. */
    @Schema(name = "PreviewSettings")
    record Settings(int width, int height, @JsonProperty("guidance_scale") @Nullable Double guidanceScale,
            @JsonProperty("num_inference_steps") @Nullable Integer numInferenceSteps) {
    }

    /** The prompt's and the negative prompt's length against the model's budget. */
    record Lengths(Length prompt, Length negativePrompt) {

        static Lengths of(PreparedPrompt prepared) {
            return new Lengths(prepared.promptLength(), prepared.negativeLength());
        }
    }

    /**
     * A model and what it reads.
     *
     * @param known the model is in the catalog; otherwise its family was guessed from its name
     */
    record Model(String provider, String model, String family, boolean known, boolean negativePrompt, boolean guidance,
            int budget, String unit) {

        static Model of(ModelTarget target) {
            var family = target.family();
            return new Model(target.provider(), target.model(), family.displayName(), target.known(),
                    family.takesNegativePrompt(), family.takesGuidance(), family.reader().budget(),
                    family.reader().unit());
        }
    }
}
