package dev.imagepipeline.web.access;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Who made a request: the API client whose key it carried, or nobody while access control is off. A controller takes
 * one as a parameter, and shows a job or catalog only to the caller who {@link #sees sees} its owner.
 *
 * @param client the name of the caller's API key; absent while access control is off
 * @param controlled whether access control is on
 */
public record Caller(@Nullable String client, boolean controlled) {

    /** Everyone, while access control is off. */
    public static final Caller ANYONE = new Caller(null, false);

    /** Whether this caller may see what {@code owner} made: its own things, or anything while access control is off. */
    public boolean sees(@Nullable String owner) {
        return !controlled || (client != null && Objects.equals(client, owner));
    }
}
