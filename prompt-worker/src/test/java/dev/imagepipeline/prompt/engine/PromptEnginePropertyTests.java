package dev.imagepipeline.prompt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.imagepipeline.contracts.Category;
import dev.imagepipeline.contracts.Limits;
import dev.imagepipeline.contracts.Marketplace;
import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.contracts.Style;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.WithNull;

/** What holds for every request within the published limits, on every model. */
class PromptEnginePropertyTests {

    private static final Pattern WEIGHT_SYNTAX = Pattern.compile("[()\\[\\]{}<>|\\\\]|::|\\p{L}:\\d");
    private static final Pattern NEGATION = Pattern.compile("(?:\\bno|\\bnot|\\bwithout|\\bnon|\\bfree of)[ -]$");

    private final PromptEngine engine = new PromptEngine();

    @Property(tries = 400)
    void fitsEveryModelsBudgetWithTheSubjectFirst(@ForAll("descriptions") String description,
            @ForAll("contexts") @WithNull(0.3) String context, @ForAll Category category, @ForAll Style style,
            @ForAll @WithNull(0.5) Marketplace marketplace, @ForAll Resolution resolution,
            @ForAll("targets") ModelTarget target) {
        var prepared = engine.prepare(
                new PromptRequest(description, context, category, style, marketplace, resolution, null), target);

        var reader = target.family().reader();
        assertThat(prepared.promptLength().count()).isEqualTo(reader.count(prepared.prompt()))
                .isLessThanOrEqualTo(reader.budget());
        assertThat(prepared.negativeLength().count()).isEqualTo(reader.count(prepared.negativePrompt()))
                .isLessThanOrEqualTo(reader.budget());
        if (reader == ModelFamily.Reader.CLIP) {
            assertThat(ClipTokenizer.shared().encode(prepared.prompt())).hasSizeLessThanOrEqualTo(75);
        }
        String firstWord = UserText.asClause(UserText.clean(description, Limits.MAX_DESCRIPTION_LENGTH)).split(" ")[0];
        assertThat(prepared.prompt()).startsWith("Professional product photography of " + firstWord);
    }

    @Property(tries = 400)
    void keepsNegativeTermsOutOfThePromptAndUserSyntaxOutOfBoth(@ForAll("descriptions") String description,
            @ForAll("contexts") @WithNull(0.3) String context, @ForAll Category category, @ForAll Style style,
            @ForAll @WithNull(0.5) Marketplace marketplace, @ForAll("targets") ModelTarget target) {
        var prepared = engine.prepare(
                new PromptRequest(description, context, category, style, marketplace, Resolution.R1024, null), target);

        String prompt = prepared.prompt().toLowerCase(Locale.ROOT);
        for (String term : prepared.negativePrompt().isEmpty()
                ? new String[0]
                : prepared.negativePrompt().split(", ")) {
            var mention = Pattern.compile("\\b" + Pattern.quote(term) + "(?:e?s)?\\b").matcher(prompt);
            while (mention.find()) {
                // Only the client's own "no text" may name a negative term, and it asks for the opposite.
                assertThat(prompt.substring(0, mention.start())).as("'%s' in: %s", term, prompt)
                        .containsPattern(NEGATION);
            }
        }
        assertThat(prepared.prompt()).doesNotContainPattern(WEIGHT_SYNTAX);
        assertThat(prepared.negativePrompt()).doesNotContainPattern(WEIGHT_SYNTAX);
        assertThat(engine.prepare(
                new PromptRequest(description, context, category, style, marketplace, Resolution.R1024, null), target))
                .isEqualTo(prepared);
    }

    @Property(tries = 300)
    void anyTextAtAllFitsOrIsRefusedForHavingNoWords(@ForAll("anyText") String description,
            @ForAll("targets") ModelTarget target) {
        var request = new PromptRequest(description, description, Category.OTHER, Style.STUDIO, null, Resolution.R1024,
                null);
        if (UserText.clean(description, Limits.MAX_DESCRIPTION_LENGTH).isBlank()) {
            assertThatIllegalArgumentException().isThrownBy(() -> engine.prepare(request, target));
            return;
        }
        var prepared = engine.prepare(request, target);

        assertThat(prepared.promptLength().count()).isLessThanOrEqualTo(target.family().reader().budget());
        assertThat(prepared.prompt()).doesNotContainPattern("\\p{Cc}|\\p{Cf}").doesNotContainPattern(WEIGHT_SYNTAX);
    }

    @Provide
    Arbitrary<String> descriptions() {
        return words().list()
                .ofMinSize(1)
                .ofMaxSize(220)
                .map(words -> bounded(String.join(" ", words), 1000))
                .filter(text -> !UserText.clean(text, Limits.MAX_DESCRIPTION_LENGTH).isBlank());
    }

    @Provide
    Arbitrary<String> contexts() {
        return words().list().ofMaxSize(100).map(words -> bounded(String.join(" ", words), 500));
    }

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(Limits.MAX_DESCRIPTION_LENGTH);
    }

    @Provide
    Arbitrary<ModelTarget> targets() {
        var guessed = Stream.of("acme/my-sdxl-finetune", "someone/flux-schnell-lora", "sd3-turbo", "v1-5-pruned")
                .map(name -> ModelCatalog.resolve("replicate", name));
        return Arbitraries.of(Stream.concat(ModelCatalog.models().stream(), guessed).toList());
    }

    /** Product words, the negative terms themselves, negations, prompt syntax, and text from other scripts. */
    private static Arbitrary<String> words() {
        var vocabulary = Arbitraries.of("ceramic", "mug", "red", "walnut", "desk", "leather", "strap", "gold", "ring",
                "text", "logo", "watermark", "props", "blurry", "dust", "no", "without", "shadows", "dirty", "side",
                "view", "clutter", "8K", "A", "The", "BREAK", "AND");
        var noise = Arbitraries.of("(red:1.4)", "[x]", "{y}", "<lora:z:0.7>", "a|b", "\\", "::", "--no", "\t", "\n",
                "\u0000", "\u200B", "日本語", "🙂", "éclair", "12", "3.5", ",", ".", "...", "!?");
        var letters = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
        return Arbitraries.frequencyOf(Tuple.of(6, vocabulary), Tuple.of(3, letters), Tuple.of(2, noise));
    }

    private static String bounded(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
