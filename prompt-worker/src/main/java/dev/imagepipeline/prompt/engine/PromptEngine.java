package dev.imagepipeline.prompt.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.imagepipeline.contracts.Resolution;
import dev.imagepipeline.prompt.engine.BudgetFit.Fitted;
import dev.imagepipeline.prompt.engine.ModelTarget.Sizing;
import dev.imagepipeline.prompt.engine.PreparedPrompt.Length;

/**
 * Writes the product-photography prompt, negative prompt and settings that one model receives for one request: the
 * same for a preview and for a job, so that the two never disagree.
 */
public final class PromptEngine {

    /** The subject's frame, from the original specification. */
    public static final String BASE_TEMPLATE = "Professional product photography of %s";
    public static final List<String> QUALITY_TERMS = List.of("8K resolution", "high detail", "commercial photography");
    public static final List<String> BASE_NEGATIVE_TERMS = List.of("blurry", "distorted", "low quality", "watermark",
            "text", "logo");

    private static final Map<String, Pattern> MENTIONS = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException when the description holds no words once prompt syntax is removed
     */
    public PreparedPrompt prepare(PromptRequest request, ModelTarget target) {
        var warnings = new ArrayList<String>();
        if (!target.known()) {
            warnings.add("Model %s is not in the catalog; its prompt is shaped for %s, guessed from its name"
                    .formatted(target.id(), target.family().displayName()));
        }
        var subject = Subject.of(request.description(), request.additionalContext());
        var composition = Composition.of(subject, request.category(), request.style(), request.marketplace());
        warnings.addAll(composition.warnings());
        Fitted prompt = BudgetFit.prompt(subject, composition.terms(), target);
        warnings.addAll(prompt.warnings());
        Fitted negative = negative(withoutMentioned(composition.negativeTerms(), subject, warnings), target, warnings);
        Resolution size = size(request, target, warnings);
        var settings = settings(request, target, warnings);
        var reader = target.family().reader();
        return new PreparedPrompt(target, prompt.text(), negative.text(), size.width(), size.height(), settings,
                length(prompt, reader), length(negative, reader), warnings);
    }

    /** A negative term the client's own words ask for (a shirt with text on it) would fight the subject. */
    private static List<String> withoutMentioned(List<String> terms, Subject subject, List<String> warnings) {
        String userText = subject.userText();
        var kept = new ArrayList<String>(terms.size());
        for (String term : terms) {
            if (userText.contains(term)
                    && MENTIONS.computeIfAbsent(term, PromptEngine::mention).matcher(userText).find()) {
                warnings.add(
                        "The description asks for \"%s\", so it is kept out of the negative prompt".formatted(term));
            } else {
                kept.add(term);
            }
        }
        return kept;
    }

    /** The term as a word or phrase, in the singular or plural, and not negated ("no text" does not ask for text). */
    private static Pattern mention(String term) {
        return Pattern.compile(
                "(?<!\\bno |\\bnot |\\bwithout |\\bnon-|\\bnon |\\bfree of )\\b" + Pattern.quote(term) + "(?:e?s)?\\b");
    }

    private static Fitted negative(List<String> terms, ModelTarget target, List<String> warnings) {
        if (target.family().takesNegativePrompt()) {
            Fitted fitted = BudgetFit.negative(terms, target);
            warnings.addAll(fitted.warnings());
            return fitted;
        }
        if (!terms.isEmpty()) {
            warnings.add("%s takes no negative prompt; left out: %s".formatted(target.family().displayName(),
                    String.join(", ", terms)));
        }
        return new Fitted("", 0, List.of());
    }

    private static Resolution size(PromptRequest request, ModelTarget target, List<String> warnings) {
        Resolution size = request.resolution();
        if (request.marketplace() != null) {
            int minSide = MarketplacePreset.of(request.marketplace()).minSide();
            if (size.width() < minSide) {
                size = Arrays.stream(Resolution.values()).filter(r -> r.width() >= minSide).findFirst().orElseThrow();
                warnings.add("%s needs at least %d px: %s raised to %s".formatted(request.marketplace().wireName(),
                        minSide, request.resolution().wireName(), size.wireName()));
            }
        }
        Resolution substitute = target.substitute(size);
        if (substitute != null) {
            warnings.add(
                    "%s cannot make %s; it asks for %s".formatted(target.id(), size.wireName(), substitute.wireName()));
            size = substitute;
        }
        warnings.addAll(sizeNotes(size, target));
        return size;
    }

    private static List<String> sizeNotes(Resolution size, ModelTarget target) {
        int nativeSide = target.family().nativeSide();
        if (target.sizing() == Sizing.RENDERED || size.width() == nativeSide) {
            return List.of();
        }
        if (target.sizing() == Sizing.ASPECT_RATIO) {
            return List.of("%s takes an aspect ratio, not a size: it returns its own 1:1 image of about one megapixel, "
                    .formatted(target.id()) + "not " + size.wireName());
        }
        String effect = size.width() < nativeSide ? "expect less detail" : "it may repeat the product";
        return List.of("%s is trained at %dx%d; at %s %s".formatted(target.family().displayName(), nativeSide,
                nativeSide, size.wireName(), effect));
    }

    private static SuggestedSettings settings(PromptRequest request, ModelTarget target, List<String> warnings) {
        ModelFamily family = target.family();
        Double asked = request.guidanceScale();
        Double guidance = family.guidance(asked, request.style());
        if (asked != null && guidance == null) {
            warnings.add("%s takes no guidance scale; %s is not sent".formatted(family.displayName(), asked));
        } else if (asked != null && !asked.equals(guidance)) {
            warnings.add("Guidance scale %s is above %s's maximum; %s is sent".formatted(asked, family.displayName(),
                    guidance));
        }
        return new SuggestedSettings(guidance, family.suggestedSteps(request.style()));
    }

    private static Length length(Fitted fitted, ModelFamily.Reader reader) {
        return new Length(fitted.count(), reader.budget(), reader.unit(), reader.exact());
    }
}
