package dev.imagepipeline.contracts;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How long making one image took.
 *
 * @param generationMillis from the worker taking the job to the provider's images being stored: the image's whole
 *        time at the provider, queue included
 * @param computeMillis the compute time the provider reported for its run, where it reports one
 * @param complianceMillis the compliance checks and auto-fix of this image, where a marketplace was named
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageTimings(long generationMillis, @Nullable Long computeMillis, @Nullable Long complianceMillis) {
}
