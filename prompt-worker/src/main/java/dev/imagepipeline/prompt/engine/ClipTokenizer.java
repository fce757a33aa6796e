package dev.imagepipeline.prompt.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.zip.GZIPInputStream;

/** CLIP's byte-pair-encoding text tokenizer, as Stable Diffusion 1.5 and SDXL read a prompt with it. */
final class ClipTokenizer {

    static final int CONTEXT_LENGTH = 77;
    static final int PROMPT_BUDGET = 75;

    private static final String MERGES_RESOURCE = "/clip/bpe_simple_vocab_16e6.txt.gz";
    private static final int BYTES = 256;
    private static final int MERGE_COUNT = 49_152 - BYTES - 2;
    private static final int START_OF_TEXT = 2 * BYTES + MERGE_COUNT;
    private static final int END_OF_TEXT = START_OF_TEXT + 1;
    private static final int CACHE_LIMIT = 10_000;
    private static final int CACHEABLE_WORD_LENGTH = 64;

    // The pattern's literal alternatives, in its order: the special tokens, then the contractions.
    private static final String[] LITERALS = {"<|startoftext|>", "<|endoftext|>", "'s", "'t", "'re", "'ve", "'m", "'ll",
            "'d"};
    // Python's regex module under IGNORECASE keeps U+0345 out of the negated class (its upper case is a letter) but
    // not in [\p{L}], so CLIP silently drops it.
    private static final int DROPPED = 0x0345;

    private static final int[] BYTE_IDS = new int[BYTES];
    private static final String[] BYTE_SYMBOLS = new String[BYTES];

    // GPT-2's byte-to-unicode table: printable Latin-1 bytes stand for themselves and come first in the vocabulary;
    // the others are moved to U+0100 onwards.
    static {
        int id = 0;
        for (int b = 0; b < BYTES; b++) {
            if (printable(b)) {
                BYTE_IDS[b] = id++;
                BYTE_SYMBOLS[b] = Character.toString(b);
            }
        }
        int moved = BYTES;
        for (int b = 0; b < BYTES; b++) {
            if (!printable(b)) {
                BYTE_IDS[b] = id++;
                BYTE_SYMBOLS[b] = Character.toString(moved++);
            }
        }
    }

    private final Map<Long, Integer> merges;
    private final Map<String, int[]> words = new ConcurrentHashMap<>();

    private ClipTokenizer(Map<Long, Integer> merges) {
        this.merges = merges;
    }

    static ClipTokenizer shared() {
        return Holder.INSTANCE;
    }

    List<Integer> encode(String text) {
        var ids = new ArrayList<Integer>();
        for (String word : words(clean(text))) {
            for (int id : word(word)) {
                ids.add(id);
            }
        }
        return ids;
    }

    int count(String text) {
        int count = 0;
        for (String word : words(clean(text))) {
            count += word(word).length;
        }
        return count;
    }

    // OpenAI's simple_tokenizer.py first runs ftfy.fix_text, which has no Java port: only its NFC step is kept, so
    // mojibake, curly quotes, ligatures and full-width forms are counted as typed. Of html.unescape's references only
    // the numeric ones and amp, lt, gt, quot, apos and nbsp are decoded. A lone surrogate, on which Python would
    // fail, is encoded as '?'.
    private static String clean(String text) {
        var unescaped = HtmlReferences
                .unescape(HtmlReferences.unescape(Normalizer.normalize(text, Normalizer.Form.NFC)));
        return collapseWhitespace(unescaped).toLowerCase(Locale.ROOT);
    }

    // CLIP strips with str.strip(), collapses runs of the regex module's \s, then strips again; the second strip
    // never finds anything, as the ends are already free of both kinds of space.
    private static String collapseWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && strippable(text.charAt(start))) {
            start++;
        }
        while (end > start && strippable(text.charAt(end - 1))) {
            end--;
        }
        var out = new StringBuilder(end - start);
        boolean gap = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (whiteSpace(c)) {
                gap = true;
                continue;
            }
            if (gap) {
                out.append(' ');
                gap = false;
            }
            out.append(c);
        }
        return out.toString();
    }

    // Python's str.isspace(): Unicode White_Space plus U+001C..U+001F.
    private static boolean strippable(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    // Unicode White_Space, as the regex module's \s matches it.
    private static boolean whiteSpace(char c) {
        return strippable(c) && (c < '\u001C' || c > '\u001F');
    }

    /**
     * Splits clean text as CLIP's pattern {@code <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|
     * [^\s\p{L}\p{N}]+} does, trying the alternatives in that order at each start; a scan is many times faster than
     * the pattern with Unicode classes. After {@link #clean} the only white space left is the plain space.
     */
    private static List<String> words(String text) {
        var words = new ArrayList<String>();
        int at = 0;
        while (at < text.length()) {
            int end = wordEnd(text, at);
            if (end > at) {
                words.add(text.substring(at, end));
                at = end;
            } else {
                at += Character.charCount(text.codePointAt(at));
            }
        }
        return words;
    }

    /** Where the word starting at {@code at} ends; {@code at} itself where no word starts there. */
    private static int wordEnd(String text, int at) {
        for (String literal : LITERALS) {
            if (startsWithIgnoringCase(text, at, literal)) {
                return at + literal.length();
            }
        }
        int first = text.codePointAt(at);
        if (Character.isLetter(first)) {
            return runEnd(text, at, Character::isLetter);
        }
        if (number(first)) {
            return at + Character.charCount(first);
        }
        return runEnd(text, at, cp -> cp != ' ' && cp != DROPPED && !Character.isLetter(cp) && !number(cp));
    }

    // The pattern is case-insensitive; on lower-cased text that leaves one letter, the long s, matching an 's'.
    private static boolean startsWithIgnoringCase(String text, int at, String literal) {
        if (text.length() - at < literal.length()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            char c = text.charAt(at + i);
            char expected = literal.charAt(i);
            if (c != expected && !(expected == 's' && c == '\u017F')) {
                return false;
            }
        }
        return true;
    }

    private static int runEnd(String text, int at, IntPredicate member) {
        int end = at;
        while (end < text.length() && member.test(text.codePointAt(end))) {
            end += Character.charCount(text.codePointAt(end));
        }
        return end;
    }

    private static boolean number(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private int[] word(String word) {
        var cached = words.get(word);
        if (cached != null) {
            return cached;
        }
        var ids = switch (word) {
            case "<|startoftext|>" -> new int[]{START_OF_TEXT};
            case "<|endoftext|>" -> new int[]{END_OF_TEXT};
            default -> merge(symbols(word));
        };
        if (word.length() <= CACHEABLE_WORD_LENGTH) {
            if (words.size() >= CACHE_LIMIT) {
                words.clear();
            }
            words.put(word, ids);
        }
        return ids;
    }

    private static int[] symbols(String word) {
        var bytes = word.getBytes(UTF_8);
        var symbols = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            symbols[i] = BYTE_IDS[bytes[i] & 0xFF];
        }
        symbols[bytes.length - 1] += BYTES;
        return symbols;
    }

    private int[] merge(int[] symbols) {
        int length = symbols.length;
        while (length > 1) {
            int at = firstMerge(symbols, length);
            if (at < 0) {
                break;
            }
            length = mergeAll(symbols, length, symbols[at], symbols[at + 1]);
        }
        return Arrays.copyOf(symbols, length);
    }

    // A merged token's id grows with its rank, so the lowest id is the merge to apply next.
    private int firstMerge(int[] symbols, int length) {
        int at = -1;
        int lowest = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < length; i++) {
            var merged = merges.get(pair(symbols[i], symbols[i + 1]));
            if (merged != null && merged < lowest) {
                lowest = merged;
                at = i;
            }
        }
        return at;
    }

    private int mergeAll(int[] symbols, int length, int first, int second) {
        int merged = merges.get(pair(first, second));
        int out = 0;
        for (int i = 0; i < length; i++) {
            if (i + 1 < length && symbols[i] == first && symbols[i + 1] == second) {
                symbols[out++] = merged;
                i++;
            } else {
                symbols[out++] = symbols[i];
            }
        }
        return out;
    }

    private static long pair(int first, int second) {
        return ((long) first << 32) | second;
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    private static ClipTokenizer load() {
        try (var in = ClipTokenizer.class.getResourceAsStream(MERGES_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("CLIP merges not on the classpath: " + MERGES_RESOURCE);
            }
            var lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), UTF_8));
            lines.readLine();
            return new ClipTokenizer(readMerges(lines));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Map<Long, Integer> readMerges(BufferedReader lines) throws IOException {
        var ids = new HashMap<String, Integer>();
        for (int b = 0; b < BYTES; b++) {
            ids.put(BYTE_SYMBOLS[b], BYTE_IDS[b]);
            ids.put(BYTE_SYMBOLS[b] + "</w>", BYTE_IDS[b] + BYTES);
        }
        var merges = new HashMap<Long, Integer>();
        for (int id = 2 * BYTES; id < START_OF_TEXT; id++) {
            var line = lines.readLine();
            var space = line == null ? -1 : line.indexOf(' ');
            if (space < 0) {
                throw new IllegalStateException("CLIP merges end early or are malformed before id " + id);
            }
            var first = line.substring(0, space);
            var second = line.substring(space + 1);
            merges.put(pair(id(ids, first), id(ids, second)), id);
            ids.put(first + second, id);
        }
        return merges;
    }

    private static int id(Map<String, Integer> ids, String symbol) {
        var id = ids.get(symbol);
        if (id == null) {
            throw new IllegalStateException("CLIP merge uses a symbol no earlier token defines: " + symbol);
        }
        return id;
    }

    private static final class Holder {

        static final ClipTokenizer INSTANCE = load();

    }
}
