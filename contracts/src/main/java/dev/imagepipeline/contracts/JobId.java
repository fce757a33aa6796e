package dev.imagepipeline.contracts;

import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The identity of one generation job; also the key of every record that concerns it. */
public record JobId(UUID value) {

    public JobId {
        Objects.requireNonNull(value, "value");
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form, throwing {@link IllegalArgumentException} for anything else. */
    @JsonCreator
    public static JobId parse(String text) {
        return new JobId(UUID.fromString(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
