package dev.imagepipeline.contracts;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One call a provider ran for a job, as the provider reported it, so that a result can be traced and reproduced.
 *
 * @param id the provider's own id for the call, such as a Replicate prediction id; absent where it gives none
 * @param computeMillis the compute time the provider reported, without time spent queued; absent where it reports none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderRun(@Nullable String id, @Nullable Long computeMillis) {
}
