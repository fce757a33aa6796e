package dev.imagepipeline.cli;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * A catalog's {@code item} event: one item changed state.
 *
 * @param line the item's line in the upload
 * @param error why it failed: a text, or an object with a {@code reason} and a {@code message}
 */
record Item(@Nullable String sku, @Nullable String jobId, long line, String status, @Nullable JsonNode error) {

    boolean failed() {
        return "failed".equals(status);
    }

    String describe() {
        String what = "line " + line + (sku == null ? "" : " (" + sku + ")") + " " + status;
        if (error == null || error.isNull() || error.isMissingNode()) {
            return what;
        }
        if (error.isString()) {
            return what + ": " + error.asString();
        }
        String reason = error.path("reason").asString("");
        String message = error.path("message").asString("");
        return what + ": " + (reason.isEmpty() ? message : message.isEmpty() ? reason : reason + ": " + message);
    }
}
