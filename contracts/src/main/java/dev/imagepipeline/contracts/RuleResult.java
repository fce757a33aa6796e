package dev.imagepipeline.contracts;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One rule's verdict on one image: it passes when {@code min <= measured <= max}.
 *
 * @param measured what the image has, in the rule's unit (a share from 0 to 1, pixels, a count or a ratio)
 * @param min the least value that passes; absent where there is none
 * @param max the largest value that passes; absent where there is none
 * @param reason the verdict in a sentence a person can act on
 * @param details further measurements behind the verdict, such as {@code max_deviation} for the background
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleResult(Rule rule, boolean passed, double measured, @Nullable Double min, @Nullable Double max,
        String reason, Map<String, Double> details) {

    public RuleResult {
        details = Map.copyOf(details);
    }

    public static RuleResult judge(Rule rule, double measured, @Nullable Double min, @Nullable Double max,
            String reason, Map<String, Double> details) {
        var passed = (min == null || measured >= min) && (max == null || measured <= max);
        return new RuleResult(rule, passed, measured, min, max, reason, details);
    }
}
