package dev.imagepipeline.contracts;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the compliance checks said about one generated image, and what the auto-fix did: the shape of the record the
 * job's answer and the completion event carry.
 *
 * @param original the verdict on the image as the provider made it
 * @param fixes the changes the auto-fix made to a copy, in order; empty when none was asked or needed
 * @param unfixed why a failed rule was left as it was, e.g. a product cut off at the frame cannot be padded
 * @param fixed the verdict on the fixed copy; absent when no copy was made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// The verdict is written for readers of the event, and derived again when read back.
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record ComplianceResult(ComplianceCheck original, List<AppliedFix> fixes, List<String> unfixed,
        @Nullable ComplianceCheck fixed) {

    public ComplianceResult {
        fixes = List.copyOf(fixes);
        unfixed = List.copyOf(unfixed);
    }

    /** Whether the image to deliver passes: the fixed copy when there is one, else the original. */
    @JsonProperty("passed")
    public boolean passed() {
        return fixed != null ? fixed.passed() : original.passed();
    }
}
