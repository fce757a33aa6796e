package dev.imagepipeline.prompt.engine;

/** What the engine made of one request. */
public record PreparedPrompt(String prompt, String negativePrompt, SuggestedSettings settings) {
}
