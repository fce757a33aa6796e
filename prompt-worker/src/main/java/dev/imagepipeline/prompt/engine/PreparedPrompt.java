package dev.imagepipeline.prompt.engine;

import java.util.List;

/**
 * The prompt, negative prompt and settings exactly as one model receives them.
 *
 * @param promptLength the prompt's length against the model's budget; {@code negativeLength} the same for the
 *        negative prompt
 * @param warnings every part of the request that was dropped or that the model cannot honour
 */
public record PreparedPrompt(ModelTarget target, String prompt, String negativePrompt, int width, int height,
        SuggestedSettings settings, Length promptLength, Length negativeLength, List<String> warnings) {

    public PreparedPrompt {
        warnings = List.copyOf(warnings);
    }

    /**
     * A text's length as its model counts it.
     *
     * @param unit {@code clip-bpe} (exact), {@code t5-estimate} or {@code characters}
     */
    public record Length(int count, int budget, String unit, boolean exact) {
    }
}
