package dev.imagepipeline.prompt.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CLIP's token ids for known prompts, from published vectors and an independent reference implementation. */
class ClipTokenizerTests {

    private final ClipTokenizer tokenizer = ClipTokenizer.shared();

    @Nested
    class PublishedVectors {

        static Stream<Arguments> vectors() {
            return Stream.of(
                    // elixir-nx/bumblebee test/bumblebee/text/clip_tokenizer_test.exs; zer0int/CLIP-tokenizer README.md
                    argumentSet("photo of a cat", "a photo of a cat", List.of(320, 1125, 539, 320, 2368)),
                    // elixir-nx/bumblebee test/bumblebee/text/clip_tokenizer_test.exs
                    argumentSet("photo of a dog", "a photo of a dog", List.of(320, 1125, 539, 320, 1929)),
                    // nishio/external_brain_in_markdown pages/CLIP.md (output of clip.tokenize)
                    argumentSet("painting of a cat", "a painting of a cat", List.of(320, 3086, 539, 320, 2368)),
                    argumentSet("unknown word", "bozuman", List.of(647, 4091, 786)),
                    // elixir-nx/tokenizers issue #28 (CLIPTokenizerFast, openai/clip-vit-base-patch32)
                    argumentSet("whole word", "toy", List.of(5988)),
                    // julien-blanchon/jax-js packages/loaders/src/tokenizers.test.ts
                    argumentSet("punctuation", "Hello, world!", List.of(3306, 267, 1002, 256)),
                    argumentSet("symbol runs", "Special characters: !@#$%^&*()",
                            List.of(1689, 6564, 281, 0, 31, 2, 3, 4, 61, 5, 9, 8475)),
                    argumentSet("emoji", "😀 😃 😄", List.of(7334, 8520, 7624)),
                    argumentSet("chinese", "你好世界", List.of(47466, 254, 29290, 121, 19759, 244, 163, 243, 490)),
                    argumentSet("long sentence", "A very long sentence that goes on and on and should definitely "
                            + "exceed the normal context length to see how the tokenizer handles truncation when we "
                            + "have way too many tokens",
                            List.of(320, 1070, 1538, 12737, 682, 2635, 525, 537, 525, 537, 1535, 4824, 32521, 518, 5967,
                                    13089, 10130, 531, 862, 829, 518, 32634, 23895, 22124, 16163, 21367, 827, 649, 720,
                                    923, 1256, 1346, 23562)),
                    // instant-labs/instant-clip-tokenizer instant-clip-tokenizer/src/lib.rs
                    argumentSet("greeting", "Hi there", List.of(1883, 997)),
                    // instant-labs/instant-clip-tokenizer instant-clip-tokenizer-py/test/test.py
                    argumentSet("question", "How are you?", List.of(829, 631, 592, 286)),
                    argumentSet("repeated bang", "Hello world!!!", List.of(3306, 1002, 995)),
                    argumentSet("sub-words", "blaa bla", List.of(2205, 320, 19630)),
                    // aagdev/mlimgsynth src/test_text_tokenize_clip.c (commit d25e2af)
                    argumentSet("simple", "a dog jumping", List.of(320, 1929, 11476)),
                    argumentSet("extra whitespace", "   a   dog\t\tjumping\r\n", List.of(320, 1929, 11476)),
                    argumentSet("merge order", "an illustration", List.of(550, 6052)),
                    argumentSet("double quotes", "a sign saying \"Here lies Cesar\"",
                            List.of(320, 2292, 4455, 257, 763, 3205, 28603, 257)),
                    argumentSet("single quotes", "a sign saying 'Here lies Cesar'",
                            List.of(320, 2292, 4455, 262, 763, 3205, 28603, 262)),
                    argumentSet("contractions", "A'veA'llA's", List.of(320, 1200, 320, 1342, 320, 568)),
                    argumentSet("comma and period", "a dog, a house.", List.of(320, 1929, 267, 320, 1212, 269)),
                    argumentSet("accent", "corazón", List.of(851, 854, 13926)),
                    argumentSet("em dash", "cat---dog-—-rabbit", List.of(2368, 11079, 1929, 12, 6718, 268, 10274)),
                    argumentSet("japanese", "まあ、お待ちなさい。", List.of(4813, 122, 4813, 480, 45262, 4813, 232, 161, 122, 227,
                            4813, 94, 29104, 4813, 243, 38850, 38000)));
        }

        @ParameterizedTest
        @MethodSource("vectors")
        void encodesAsPublished(String text, List<Integer> ids) {
            assertThat(tokenizer.encode(text)).isEqualTo(ids);
            assertThat(tokenizer.count(text)).isEqualTo(ids.size());
        }

        // instant-labs/instant-clip-tokenizer instant-clip-tokenizer-py/test/test.py, cut to a context of 6
        @Test
        void startsAContractionPromptAsPublished() {
            assertThat(tokenizer.encode("I'm fine, thanks!")).startsWith(328, 880, 3797, 267);
        }

        // aagdev/mlimgsynth expects 17 15 17 276 ("2" "0" "2" "5</w>"), but CLIP's [\p{N}] has no quantifier: every
        // digit is a word of its own and ends in </w> (id 256 + 17 for "2</w>"), as in the reference vectors.
        @Test
        void splitsANumberIntoOneWordPerDigit() {
            assertThat(tokenizer.encode("2025")).containsExactly(273, 271, 273, 276);
        }

    }

    @ParameterizedTest
    @MethodSource("referenceVectors")
    void encodesAsTheIndependentReference(String text, List<Integer> ids) {
        assertThat(tokenizer.encode(text)).isEqualTo(ids);
        assertThat(tokenizer.count(text)).isEqualTo(ids.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n\r", "\u00A0\u3000 \u2028"})
    void countsNothingInBlankText(String text) {
        assertThat(tokenizer.count(text)).isZero();
        assertThat(tokenizer.encode(text)).isEmpty();
    }

    @Test
    void countsALongProductPromptPastTheBudget() {
        var prompt = "Professional product photography of a hand-thrown ceramic pour-over coffee dripper in matte "
                + "black glaze with a brass rim, studio lighting, softbox, neutral background, sharp focus, clean "
                + "finish, true material detail, subtle reflections on the glaze, steam rising from a glass carafe, "
                + "scattered roasted coffee beans, soft shadows, shallow depth of field, 8K resolution, high detail, "
                + "commercial photography";

        assertThat(tokenizer.count(prompt)).isGreaterThan(ClipTokenizer.PROMPT_BUDGET)
                .isEqualTo(tokenizer.encode(prompt).size());
        assertThat(ClipTokenizer.PROMPT_BUDGET).isEqualTo(ClipTokenizer.CONTEXT_LENGTH - 2);
    }

    @Test
    void readsTheSpecialTokensAsTheOriginalTokenizerDoes() {
        assertThat(tokenizer.encode("<|startoftext|>cat<|ENDOFTEXT|>")).containsExactly(49406, 2368, 49407);
    }

    @Test
    void decodesHtmlReferencesBeforeSplitting() {
        assertThat(tokenizer.encode("R&amp;amp;D &lt;3 &#128512;")).isEqualTo(tokenizer.encode("R&D <3 😀"));
    }

    @Test
    void sharesOneTokenizer() {
        assertThat(ClipTokenizer.shared()).isSameAs(tokenizer);
    }

    static Stream<Arguments> referenceVectors() throws IOException {
        try (var in = ClipTokenizerTests.class.getResourceAsStream("/clip/reference-vectors.tsv")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), UTF_8).lines()
                    .filter(line -> line.contains("\t"))
                    .map(ClipTokenizerTests::referenceVector)
                    .toList()
                    .stream();
        }
    }

    private static Arguments referenceVector(String line) {
        var tab = line.indexOf('\t');
        var escaped = line.substring(0, tab);
        var ids = line.substring(tab + 1);
        return argumentSet("[" + escaped + "]", unescape(escaped),
                ids.isEmpty() ? List.of() : Arrays.stream(ids.split(" ")).map(Integer::valueOf).toList());
    }

    private static String unescape(String escaped) {
        var text = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            if (escaped.charAt(i) != '\\') {
                text.append(escaped.charAt(i));
            } else if (escaped.charAt(i + 1) == '\\') {
                text.append('\\');
                i++;
            } else {
                var end = escaped.indexOf('}', i);
                text.appendCodePoint(Integer.parseInt(escaped.substring(i + 3, end), 16));
                i = end;
            }
        }
        return text.toString();
    }

}
