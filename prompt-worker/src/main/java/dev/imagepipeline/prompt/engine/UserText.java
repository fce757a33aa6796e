package dev.imagepipeline.prompt.engine;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * User text made safe to stand as a prompt's subject: one line, bounded, and free of the syntax front-ends read as
 * prompt weights, alternation or chunk breaks.
 */
final class UserText {

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}]");
    // (word:1.4), [word], {word}, <lora:name:0.8>, a|b and backslash escapes steer weights in common front-ends.
    private static final Pattern WEIGHT_SUFFIX = Pattern.compile("(?<=\\p{L}):+\\s*-?\\d*(?:\\.\\d+)?");
    private static final Pattern SYNTAX = Pattern.compile("[()\\[\\]{}<>|\\\\]|::+");
    // BREAK and AND are keywords to some front-ends only in capitals; lower-cased they are plain words again.
    private static final Pattern KEYWORDS = Pattern.compile("\\b(BREAK|AND)\\b");
    private static final Pattern FLAGS = Pattern.compile("(?<!\\S)--+(?=\\p{L})");
    private static final Pattern ARTICLE = Pattern.compile("^(A|An|The)\\b");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern DANGLING = Pattern.compile("^[\\s,.;:!?-]+|[\\s,;:-]+$");

    private UserText() {
    }

    /** The text on one line, within {@code maxLength} characters, cut at a word where it has to be cut. */
    static String clean(String text, int maxLength) {
        String plain = INVISIBLE.matcher(text).replaceAll(" ");
        plain = WEIGHT_SUFFIX.matcher(plain).replaceAll("");
        plain = SYNTAX.matcher(plain).replaceAll(" ");
        plain = KEYWORDS.matcher(plain).replaceAll(match -> match.group(1).toLowerCase(Locale.ROOT));
        plain = FLAGS.matcher(plain).replaceAll("");
        plain = SPACES.matcher(plain).replaceAll(" ").strip();
        return DANGLING.matcher(bound(plain, maxLength)).replaceAll("");
    }

    /**
     * The text as a clause inside a sentence: a leading article in lower case ("of a mug", not "of A mug"), other
     * capitals kept for names, and no closing full stop.
     */
    static String asClause(String text) {
        String clause = ARTICLE.matcher(text).replaceFirst(match -> match.group().toLowerCase(Locale.ROOT));
        return clause.endsWith(".") ? clause.substring(0, clause.length() - 1) : clause;
    }

    private static String bound(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int cut = text.lastIndexOf(' ', maxLength);
        return text.substring(0, cut > 0 ? cut : maxLength);
    }
}
