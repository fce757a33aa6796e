package dev.imagepipeline.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which queue a job waits in for a provider: people first, catalogs with the rest. */
public enum Lane {
    @JsonProperty("interactive")
    INTERACTIVE,
    @JsonProperty("bulk")
    BULK
}
