package dev.imagepipeline.prompt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Representative products in every style, each against the exact prompt, negative prompt, settings and warnings the
 * engine gave when a person last read and approved them in {@code golden/prompts.json}. After a deliberate change to
 * the engine's knowledge, {@code -Dgolden.update=true} rewrites the file from the engine, for review in the diff.
 */
class GoldenPromptTests {

    private static final String FILE = "golden/prompts.json";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    private static final List<Case> updated = new ArrayList<>();

    private final PromptEngine engine = new PromptEngine();

    /** One product, one model, and what it must receive. */
    record Case(String name, Input input, Expected expected) {
    }

    record Input(String description, @Nullable String additionalContext, Category category, Style style,
            @Nullable Marketplace marketplace, Resolution resolution, String provider, String model) {
    }

    record Expected(String prompt, String negativePrompt, int width, @Nullable Double guidanceScale,
            @Nullable Integer numInferenceSteps, List<String> warnings) {
    }

    static Stream<Case> cases() throws IOException {
        try (InputStream in = GoldenPromptTests.class.getClassLoader().getResourceAsStream(FILE)) {
            return Stream.of(JSON.readValue(in, Case[].class));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesTheApprovedPrompt(Case golden) {
        var input = golden.input();
        var prepared = engine.prepare(
                new PromptRequest(input.description(), input.additionalContext(), input.category(), input.style(),
                        input.marketplace(), input.resolution(), null),
                ModelCatalog.resolve(input.provider(), input.model()));
        var actual = new Expected(prepared.prompt(), prepared.negativePrompt(), prepared.width(),
                prepared.settings().guidanceScale(), prepared.settings().numInferenceSteps(), prepared.warnings());
        if (UPDATE) {
            updated.add(new Case(golden.name(), input, actual));
            return;
        }
        assertThat(actual).isEqualTo(golden.expected());
    }

    @AfterAll
    static void rewriteWhenAsked() throws IOException {
        if (UPDATE) {
            Files.writeString(Path.of("src/test/resources", FILE), JSON.writeValueAsString(updated) + "\n");
        }
    }
}
