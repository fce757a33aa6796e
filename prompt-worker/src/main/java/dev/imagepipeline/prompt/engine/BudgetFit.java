package dev.imagepipeline.prompt.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.imagepipeline.prompt.engine.ModelFamily.Phrasing;
import dev.imagepipeline.prompt.engine.ModelFamily.Reader;
import dev.imagepipeline.prompt.engine.Term.Part;

/**
 * Fits a composed prompt into what a model reads. A long subject is cut first, but never so far that it leaves no
 * room for the marketplace and style; then the least important parts go: quality, category, style, marketplace.
 */
final class BudgetFit {

    /** The prompt as the model receives it, its length in the reader's unit, and what fitting it cost. */
    record Fitted(String text, int count, List<String> warnings) {
    }

    private static final int PHRASE_CACHE_LIMIT = 10_000;
    private static final Map<String, Integer> PHRASE_TOKENS = new ConcurrentHashMap<>();

    private BudgetFit() {
    }

    static Fitted prompt(Subject subject, List<Term> composed, ModelTarget target) {
        Reader reader = target.family().reader();
        Phrasing phrasing = target.family().phrasing();
        List<Term> rest = composed.stream().filter(term -> term.part() != Part.SUBJECT).toList();
        var warnings = new ArrayList<String>();
        int room = reader.budget() - reserve(rest, reader, phrasing);
        Subject fitted = cutToFit(subject, room, reader, phrasing);
        if (fitted.length() < subject.length()) {
            warnings.add("The description was cut to its first %d of %d characters to fit %s".formatted(fitted.length(),
                    subject.length(), budgetOf(target)));
        }
        var kept = new ArrayList<>(subjectTerms(fitted));
        int subjectSize = kept.size();
        kept.addAll(rest);
        var dropped = new ArrayList<Term>();
        while (length(kept, phrasing, reader) > reader.budget() && kept.size() > subjectSize) {
            dropped.add(kept.remove(lastOfLeastImportantPart(kept)));
        }
        if (!dropped.isEmpty()) {
            warnings.add("Dropped to fit %s: %s".formatted(budgetOf(target), describe(dropped)));
        }
        String text = render(kept, phrasing);
        return new Fitted(text, reader.count(text), warnings);
    }

    static Fitted negative(List<String> terms, ModelTarget target) {
        Reader reader = target.family().reader();
        var kept = new ArrayList<>(terms.stream().map(term -> new Term(Part.QUALITY, term)).toList());
        while (length(kept, Phrasing.TAGS, reader) > reader.budget()) {
            kept.removeLast();
        }
        String text = render(kept, Phrasing.TAGS);
        List<String> warnings = kept.size() == terms.size()
                ? List.of()
                : List.of("Negative terms dropped to fit %s: %s".formatted(budgetOf(target),
                        String.join(", ", terms.subList(kept.size(), terms.size()))));
        return new Fitted(text, reader.count(text), warnings);
    }

    private static int lastOfLeastImportantPart(List<Term> terms) {
        int last = 0;
        for (int i = 1; i < terms.size(); i++) {
            if (terms.get(i).part().compareTo(terms.get(last).part()) >= 0) {
                last = i;
            }
        }
        return last;
    }

    /**
     * The length of the rendered phrases, summed phrase by phrase: CLIP never reads a word across the space after a
     * separator, so each phrase counts alone with the separator that follows it, and that count is kept for the next
     * request. Fitting a prompt then costs a handful of tokenizations, not one per phrase dropped.
     */
    static int length(List<Term> terms, Phrasing phrasing, Reader reader) {
        if (reader == Reader.CHARACTERS) {
            return reader.count(render(terms, phrasing));
        }
        int clipTokens = 0;
        for (int i = 0; i < terms.size(); i++) {
            clipTokens += clipTokens(terms.get(i).text() + separatorAfter(terms, i, phrasing));
        }
        return reader.fromClip(clipTokens);
    }

    private static String separatorAfter(List<Term> terms, int index, Phrasing phrasing) {
        boolean last = index == terms.size() - 1;
        if (phrasing == Phrasing.TAGS) {
            return last ? "" : ",";
        }
        return last || terms.get(index + 1).part() != terms.get(index).part() ? "." : ",";
    }

    private static int clipTokens(String phrase) {
        Integer known = PHRASE_TOKENS.get(phrase);
        if (known != null) {
            return known;
        }
        int tokens = ClipTokenizer.shared().count(phrase);
        if (PHRASE_TOKENS.size() >= PHRASE_CACHE_LIMIT) {
            PHRASE_TOKENS.clear();
        }
        PHRASE_TOKENS.put(phrase, tokens);
        return tokens;
    }

    /** The prompt's phrases joined as the family reads best: tags for CLIP, one sentence a part for T5. */
    static String render(List<Term> terms, Phrasing phrasing) {
        if (phrasing == Phrasing.TAGS) {
            return terms.stream().map(Term::text).collect(Collectors.joining(", "));
        }
        Map<Part, String> sentences = terms.stream()
                .collect(Collectors.groupingBy(Term::part, LinkedHashMap::new,
                        Collectors.mapping(Term::text, Collectors.joining(", "))));
        return sentences.values().stream().map(BudgetFit::capitalized).collect(Collectors.joining(". ", "", "."));
    }

    /** Room kept for the marketplace's and style's phrases: up to a third of the budget. */
    private static int reserve(List<Term> rest, Reader reader, Phrasing phrasing) {
        var protectedTerms = rest.stream().filter(term -> term.part().compareTo(Part.STYLE) <= 0).toList();
        return protectedTerms.isEmpty()
                ? 0
                : Math.min(length(protectedTerms, phrasing, reader) + 1, reader.budget() / 3);
    }

    /** The longest start of the subject that fits the room, found by halving; whole words where possible. */
    private static Subject cutToFit(Subject subject, int room, Reader reader, Phrasing phrasing) {
        if (length(subjectTerms(subject), phrasing, reader) <= room) {
            return subject;
        }
        int fits = 1;
        int tooLong = subject.length();
        while (tooLong - fits > 1) {
            int middle = (fits + tooLong) >>> 1;
            if (length(subjectTerms(subject.cut(middle)), phrasing, reader) <= room) {
                fits = middle;
            } else {
                tooLong = middle;
            }
        }
        return subject.cut(fits);
    }

    private static List<Term> subjectTerms(Subject subject) {
        return subject.terms().stream().map(text -> new Term(Part.SUBJECT, text)).toList();
    }

    private static String describe(List<Term> dropped) {
        return dropped.reversed()
                .stream()
                .collect(Collectors.groupingBy(Term::part, () -> new TreeMap<>(Comparator.reverseOrder()),
                        Collectors.mapping(Term::text, Collectors.joining(", "))))
                .entrySet()
                .stream()
                .map(entry -> entry.getKey().label() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining("; "));
    }

    private static String budgetOf(ModelTarget target) {
        Reader reader = target.family().reader();
        return "the %d-%s budget of %s".formatted(reader.budget(),
                reader == Reader.CHARACTERS ? "character" : reader.exact() ? "token" : "token (estimated)",
                target.id());
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
