package dev.imagepipeline.generation.provider.stability;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An error body: v2beta sends {@code {id, name, errors[]}}, v1 sends {@code {id, name, message}}.
 *
 * @param name a short code such as {@code bad_request} or {@code content_moderation}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StabilityError(@Nullable String id, @Nullable String name, @Nullable List<String> errors,
        @Nullable String message) {

    static final String CONTENT_MODERATION = "content_moderation";

    /** What the vendor said, for a person: its name, its messages, and the request id support asks for. */
    String describe() {
        var said = new StringBuilder(name != null ? name : "error");
        String text = errors != null && !errors.isEmpty() ? String.join("; ", errors) : message;
        if (text != null && !text.isBlank()) {
            said.append(": ").append(text);
        }
        if (id != null) {
            said.append(" (request ").append(id).append(')');
        }
        return said.toString();
    }

    /** Whether the body had any of the documented fields, rather than being some other JSON. */
    boolean saysSomething() {
        return name != null || errors != null || message != null;
    }

    boolean moderation() {
        return CONTENT_MODERATION.equals(name);
    }
}
