package dev.imagepipeline.prompt.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.imagepipeline.contracts.Limits;

/**
 * What the photo is of: the client's description and additional context, cleaned, and cut shorter when a model's
 * budget demands it.
 */
record Subject(String description, String context) {

    /**
     * @throws IllegalArgumentException when the description holds no words once prompt syntax is removed
     */
    static Subject of(String description, @Nullable String additionalContext) {
        String cleanDescription = UserText.asClause(UserText.clean(description, Limits.MAX_DESCRIPTION_LENGTH));
        if (cleanDescription.isBlank()) {
            throw new IllegalArgumentException("description has no words once prompt syntax is removed");
        }
        String cleanContext = additionalContext == null
                ? ""
                : UserText.asClause(UserText.clean(additionalContext, Limits.MAX_ADDITIONAL_CONTEXT_LENGTH));
        return new Subject(cleanDescription, cleanContext);
    }

    /** The subject's phrases: the photo of the described product, then the additional context, if any. */
    List<String> terms() {
        var terms = new ArrayList<String>(2);
        terms.add(PromptEngine.BASE_TEMPLATE.formatted(description));
        if (!context.isEmpty()) {
            terms.add(context);
        }
        return terms;
    }

    /** All the client's words, lower-cased, for telling what the client asked for. */
    String userText() {
        // Joined as the prompt joins them, so that "no" closing the description does not negate the context.
        return String.join(", ", terms()).toLowerCase(Locale.ROOT);
    }

    int length() {
        return description.length() + context.length();
    }

    /**
     * The subject's first {@code length} characters, the context's going before the description's, cut back to a
     * whole word where one fits.
     */
    Subject cut(int length) {
        if (length <= description.length()) {
            return new Subject(wholeWords(description, length), "");
        }
        return new Subject(description, wholeWords(context, length - description.length()));
    }

    private static String wholeWords(String text, int length) {
        if (length >= text.length()) {
            return text;
        }
        int space = text.lastIndexOf(' ', length);
        return text.substring(0, space > 0 ? space : Math.max(length, 1)).strip();
    }
}
