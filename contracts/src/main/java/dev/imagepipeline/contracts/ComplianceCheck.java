package dev.imagepipeline.contracts;

import java.util.List;
import java.util.Optional;

/**
 * An image's verdict under one marketplace's rules: it passes when every rule does.
 *
 * @param rules one result per rule, in the order of {@link Rule}
 */
public record ComplianceCheck(Marketplace marketplace, boolean passed, int width, int height, List<RuleResult> rules) {

    public ComplianceCheck {
        rules = List.copyOf(rules);
    }

    public static ComplianceCheck of(Marketplace marketplace, int width, int height, List<RuleResult> rules) {
        return new ComplianceCheck(marketplace, rules.stream().allMatch(RuleResult::passed), width, height, rules);
    }

    /** The result of one rule, absent when the preset does not check it. */
    public Optional<RuleResult> rule(Rule rule) {
        return rules.stream().filter(result -> result.rule() == rule).findFirst();
    }
}
