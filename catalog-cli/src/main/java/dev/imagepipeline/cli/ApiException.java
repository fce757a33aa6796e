package dev.imagepipeline.cli;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The pipeline answered with an error: a problem ({@code application/problem+json}) or another body. */
final class ApiException extends Exception {

    private final int status;
    private final String title;
    private final List<String> details;

    ApiException(int status, String title, List<String> details) {
        super("HTTP " + status + ": " + title);
        this.status = status;
        this.title = title;
        this.details = List.copyOf(details);
    }

    /** Reads a problem's {@code title}, {@code detail}, field {@code errors} and {@code rejected} lines. */
    static ApiException of(int status, JsonNode problem) {
        var details = new ArrayList<String>();
        if (problem.path("detail").isString()) {
            details.add(problem.get("detail").asString());
        }
        for (JsonNode error : problem.path("errors")) {
            details.add(error.path("field").asString("") + ": " + error.path("message").asString(""));
        }
        for (JsonNode line : problem.path("rejected")) {
            String sku = line.path("sku").isString() ? " (" + line.get("sku").asString() + ")" : "";
            details.add("line " + line.path("line").asLong(0) + sku + ": " + line.path("reason").asString(""));
        }
        String title = problem.path("title").isString() ? problem.get("title").asString() : "the request was refused";
        return new ApiException(status, title, details);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    List<String> details() {
        return details;
    }

    /** Worth asking again: the server is busy, starting or briefly away. */
    boolean transientFailure() {
        return status == 408 || status == 429 || status >= 500;
    }
}
