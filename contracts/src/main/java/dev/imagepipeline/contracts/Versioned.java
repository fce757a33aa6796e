package dev.imagepipeline.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A record of the published contract, stamped with the contract's version. Within a version changes are additive only,
 * so a reader that knows version 1 can read every record of version 1, including those written later.
 */
public interface Versioned {

    /** The version of the contract this code writes. */
    int VERSION = 1;

    /**
     * Written with every record and never read back: a record without it, written before the field existed, is of
     * version 1 too.
     */
    @JsonProperty(value = "version", access = JsonProperty.Access.READ_ONLY)
    default int version() {
        return VERSION;
    }
}
